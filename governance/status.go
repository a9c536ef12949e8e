package governance

import (
	"fmt"
	"math"
	"strings"
)

// Status is an agent's lifecycle state. The four maturity levels are ordered
// from least to most trusted: StatusStudent, StatusIntern, StatusSupervised
// and StatusAutonomous. StatusPaused and StatusStopped are not levels: every
// check for such an agent is denied.
type Status string

// Statuses an agent can have.
const (
	StatusStudent    Status = "student"
	StatusIntern     Status = "intern"
	StatusSupervised Status = "supervised"
	StatusAutonomous Status = "autonomous"
	StatusPaused     Status = "paused"
	StatusStopped    Status = "stopped"
	StatusDeleted    Status = "deleted"
)

// Confidence thresholds of the maturity levels. Each lower bound is
// inclusive: an agent with confidence exactly 0.7 is supervised.
const (
	InternThreshold     = 0.5
	SupervisedThreshold = 0.7
	AutonomousThreshold = 0.9
)

// InitialConfidence is the confidence of a newly registered agent.
const InitialConfidence = 0.5

// knownStatuses lists every valid status in the order used by error messages.
var knownStatuses = [...]Status{
	StatusStudent, StatusIntern, StatusSupervised, StatusAutonomous,
	StatusPaused, StatusStopped, StatusDeleted,
}

// ParseStatus returns the Status named by s, ignoring case, so a store that
// holds "AUTONOMOUS" yields StatusAutonomous. It does not allocate when s is
// already a lower-case status name.
func ParseStatus(s string) (Status, error) {
	for _, known := range knownStatuses {
		if s == string(known) {
			return known, nil
		}
	}
	for _, known := range knownStatuses {
		if strings.EqualFold(s, string(known)) {
			return known, nil
		}
	}
	return "", fmt.Errorf("invalid status %q: want one of student, intern, supervised, autonomous, paused, stopped, deleted", s)
}

// IsLevel reports whether s is one of the four maturity levels.
func (s Status) IsLevel() bool {
	return levelRank(s) > 0
}

// levelRank orders the maturity levels from 1 (student) to 4 (autonomous).
// It returns 0 for a status that is not a level. The rank of a level equals
// the highest action complexity that level may perform.
func levelRank(s Status) int {
	switch s {
	case StatusStudent:
		return 1
	case StatusIntern:
		return 2
	case StatusSupervised:
		return 3
	case StatusAutonomous:
		return 4
	}
	return 0
}

// LevelForConfidence returns the maturity level for a confidence score:
// student below 0.5, intern from 0.5, supervised from 0.7 and autonomous
// from 0.9. Scores outside [0, 1] are clamped first, and NaN counts as 0.
func LevelForConfidence(confidence float64) Status {
	c := clampConfidence(confidence)
	switch {
	case c >= AutonomousThreshold:
		return StatusAutonomous
	case c >= SupervisedThreshold:
		return StatusSupervised
	case c >= InternThreshold:
		return StatusIntern
	}
	return StatusStudent
}

// RequiredLevel returns the lowest maturity level allowed to perform an
// action of the given complexity: 1 student, 2 intern, 3 supervised,
// 4 autonomous. A complexity below 1 counts as 1 and one above 4 as 4.
func RequiredLevel(complexity int) Status {
	switch {
	case complexity <= 1:
		return StatusStudent
	case complexity == 2:
		return StatusIntern
	case complexity == 3:
		return StatusSupervised
	}
	return StatusAutonomous
}

// clampConfidence limits c to [0, 1] and maps NaN to 0.
func clampConfidence(c float64) float64 {
	if math.IsNaN(c) || c < 0 {
		return 0
	}
	if c > 1 {
		return 1
	}
	return c
}

// confidenceResolution is the step to which confidence is rounded after each
// change. Without rounding, repeated float64 steps drift off the thresholds:
// 0.5 plus four steps of 0.05 would not reliably land on exactly 0.7.
const confidenceResolution = 1e6

// roundConfidence clamps c to [0, 1] and rounds it to six decimal places.
func roundConfidence(c float64) float64 {
	return math.Round(clampConfidence(c)*confidenceResolution) / confidenceResolution
}
