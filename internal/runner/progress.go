package runner

import (
	"fmt"
	"io"
	"sync"
	"time"
)

// progress draws one status line, redrawn in place: benchmark runs done of
// the expected total, time elapsed and an estimate of the time left. Its
// methods are safe for concurrent use, because a ticker redraws the line
// while results arrive.
type progress struct {
	w     io.Writer
	now   func() time.Time
	start time.Time

	mu    sync.Mutex
	total int // expected result lines, 0 when unknown
	done  int
	last  string // name of the latest result
}

func newProgress(w io.Writer, now func() time.Time, total int) *progress {
	return &progress{w: w, now: now, start: now(), total: total}
}

// result counts one result line and redraws.
func (p *progress) result(name string) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.done++
	p.last = name
	p.draw()
}

// redraw redraws the line, so the elapsed time moves between results.
func (p *progress) redraw() {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.draw()
}

// clear erases the line, leaving the cursor at its start.
func (p *progress) clear() {
	p.mu.Lock()
	defer p.mu.Unlock()
	fmt.Fprint(p.w, "\r\x1b[K")
}

// lineWidth is the widest status line drawn. A longer line would wrap on
// an 80-column terminal, and a carriage return cannot redraw a wrapped
// line in place.
const lineWidth = 79

func (p *progress) draw() {
	line := []rune(p.line())
	if len(line) > lineWidth {
		line = line[:lineWidth]
	}
	fmt.Fprint(p.w, "\r\x1b[K"+string(line))
}

// line returns the status text. The estimate of the time left assumes the
// remaining runs take as long on average as the finished ones.
func (p *progress) line() string {
	elapsed := p.now().Sub(p.start)
	// The discovery run may miss benchmarks that skip themselves at some
	// GOMAXPROCS values, so the total never shows below the count done.
	total := max(p.total, p.done)
	var s string
	switch {
	case p.total == 0:
		s = fmt.Sprintf("%d benchmark runs, %s elapsed", p.done, clock(elapsed))
	case p.done == 0:
		s = fmt.Sprintf("0/%d benchmark runs, %s elapsed", total, clock(elapsed))
	default:
		left := time.Duration(float64(elapsed) / float64(p.done) * float64(total-p.done))
		s = fmt.Sprintf("%d/%d benchmark runs, %s elapsed, about %s left", p.done, total, clock(elapsed), clock(left))
	}
	if p.last != "" {
		s += ", last " + p.last
	}
	return s
}

// clock formats d as minutes and seconds, such as 2:05.
func clock(d time.Duration) string {
	d = d.Round(time.Second)
	return fmt.Sprintf("%d:%02d", int(d.Minutes()), int(d.Seconds())%60)
}
