package push

import (
	"context"
	"encoding/json"
	"net/http"
	"net/url"
	"os"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"go.yaml.in/yaml/v3"
)

const (
	dashboardPath        = "../../deploy/grafana/perfgate-dashboard.json"
	prometheusConfigPath = "../../deploy/prometheus.yml"
)

// queryTimeout bounds how long the test waits for Prometheus to scrape the
// gateway and return data for one query. It is a deadline for a poll loop,
// not a performance assertion.
const queryTimeout = 60 * time.Second

// dashboard is the part of a Grafana dashboard JSON the tests read.
type dashboard struct {
	Inputs     json.RawMessage `json:"__inputs"`
	Templating struct {
		List []struct {
			Name       string          `json:"name"`
			Type       string          `json:"type"`
			Query      json.RawMessage `json:"query"`
			Datasource *datasourceRef  `json:"datasource"`
		} `json:"list"`
	} `json:"templating"`
	Panels []struct {
		Title      string         `json:"title"`
		Datasource *datasourceRef `json:"datasource"`
		Targets    []struct {
			Expr       string         `json:"expr"`
			Datasource *datasourceRef `json:"datasource"`
		} `json:"targets"`
	} `json:"panels"`
}

type datasourceRef struct {
	Type string `json:"type"`
	UID  string `json:"uid"`
}

func loadDashboard(tb testing.TB) *dashboard {
	tb.Helper()
	data, err := os.ReadFile(dashboardPath)
	if err != nil {
		tb.Fatal(err)
	}
	var d dashboard
	if err := json.Unmarshal(data, &d); err != nil {
		tb.Fatalf("decode %s: %v", dashboardPath, err)
	}
	return &d
}

// dashboardQuery is one PromQL query of the dashboard with Grafana's
// variables replaced as a user who picked job "perfgate" and every
// benchmark would see them.
type dashboardQuery struct {
	where string // panel title or variable name
	expr  string
}

var variableValues = strings.NewReplacer(`$job`, `perfgate`, `$benchmark`, `.*`)

func (d *dashboard) queries(tb testing.TB) []dashboardQuery {
	tb.Helper()
	var qs []dashboardQuery
	for _, p := range d.Panels {
		for _, t := range p.Targets {
			expr := variableValues.Replace(t.Expr)
			if strings.Contains(expr, "$") {
				tb.Fatalf("panel %q: query %q uses a variable the test does not know", p.Title, t.Expr)
			}
			qs = append(qs, dashboardQuery{where: "panel " + p.Title, expr: expr})
		}
	}
	return qs
}

// labelValuesQuery matches Grafana's label_values(SELECTOR, LABEL).
var labelValuesQuery = regexp.MustCompile(`^label_values\((.+),\s*(\w+)\)$`)

// variableQueries returns the selector and label of each label_values
// variable.
func (d *dashboard) variableQueries(tb testing.TB) map[string][2]string {
	tb.Helper()
	out := map[string][2]string{}
	for _, v := range d.Templating.List {
		if v.Type != "query" {
			continue
		}
		var q struct {
			Query string `json:"query"`
		}
		if err := json.Unmarshal(v.Query, &q); err != nil {
			tb.Fatalf("variable %s: decode query: %v", v.Name, err)
		}
		m := labelValuesQuery.FindStringSubmatch(q.Query)
		if m == nil {
			tb.Fatalf("variable %s: query %q is not label_values(SELECTOR, LABEL)", v.Name, q.Query)
		}
		out[v.Name] = [2]string{variableValues.Replace(m[1]), m[2]}
	}
	return out
}

func TestDashboardShape(t *testing.T) {
	d := loadDashboard(t)
	if d.Inputs != nil {
		t.Error("dashboard has __inputs, want none so it imports without a prompt")
	}

	hasDatasourceVar := false
	for _, v := range d.Templating.List {
		if v.Name == "datasource" && v.Type == "datasource" {
			hasDatasourceVar = true
		}
		if v.Datasource != nil && v.Datasource.UID != "${datasource}" {
			t.Errorf("variable %s: datasource uid = %q, want ${datasource}", v.Name, v.Datasource.UID)
		}
	}
	if !hasDatasourceVar {
		t.Error("dashboard has no variable named datasource of type datasource")
	}

	titles := map[string]bool{}
	for _, p := range d.Panels {
		titles[p.Title] = true
		if p.Datasource == nil || p.Datasource.UID != "${datasource}" {
			t.Errorf("panel %q: datasource = %+v, want uid ${datasource}", p.Title, p.Datasource)
		}
		if len(p.Targets) == 0 {
			t.Errorf("panel %q has no query", p.Title)
		}
		for _, q := range p.Targets {
			if q.Datasource == nil || q.Datasource.UID != "${datasource}" {
				t.Errorf("panel %q: query datasource = %+v, want uid ${datasource}", p.Title, q.Datasource)
			}
		}
	}
	for _, want := range []string{"Regressions over time", "Ratio per benchmark", "p95 trend", "Calibration factor"} {
		if !titles[want] {
			t.Errorf("dashboard has no panel %q", want)
		}
	}
}

func TestPrometheusConfigHonorsLabels(t *testing.T) {
	data, err := os.ReadFile(prometheusConfigPath)
	if err != nil {
		t.Fatal(err)
	}
	var cfg struct {
		ScrapeConfigs []struct {
			JobName     string `yaml:"job_name"`
			HonorLabels bool   `yaml:"honor_labels"`
		} `yaml:"scrape_configs"`
	}
	if err := yaml.Unmarshal(data, &cfg); err != nil {
		t.Fatalf("decode %s: %v", prometheusConfigPath, err)
	}
	if len(cfg.ScrapeConfigs) == 0 {
		t.Fatalf("%s has no scrape_configs", prometheusConfigPath)
	}
	for _, sc := range cfg.ScrapeConfigs {
		if !sc.HonorLabels {
			t.Errorf("scrape job %s: honor_labels = false, want true so pushed job labels survive", sc.JobName)
		}
	}
}

// promResponse is the envelope of Prometheus' HTTP API.
type promResponse struct {
	Status string          `json:"status"`
	Error  string          `json:"error"`
	Data   json.RawMessage `json:"data"`
}

func promGet(tb testing.TB, base, path string, params url.Values) promResponse {
	tb.Helper()
	resp, err := http.Get(base + path + "?" + params.Encode())
	if err != nil {
		tb.Fatalf("GET %s%s: %v", base, path, err)
	}
	defer resp.Body.Close()
	var r promResponse
	if err := json.NewDecoder(resp.Body).Decode(&r); err != nil {
		tb.Fatalf("GET %s%s: decode: %v", base, path, err)
	}
	if r.Status != "success" {
		tb.Fatalf("GET %s%s?%s: status %s: %s", base, path, params.Encode(), r.Status, r.Error)
	}
	return r
}

// instantSeries runs an instant query and returns the number of series.
func instantSeries(tb testing.TB, base, expr string) int {
	tb.Helper()
	r := promGet(tb, base, "/api/v1/query", url.Values{"query": {expr}})
	var data struct {
		ResultType string            `json:"resultType"`
		Result     []json.RawMessage `json:"result"`
	}
	if err := json.Unmarshal(r.Data, &data); err != nil {
		tb.Fatalf("query %q: decode: %v", expr, err)
	}
	return len(data.Result)
}

func labelValues(tb testing.TB, base, selector, label string) []string {
	tb.Helper()
	r := promGet(tb, base, "/api/v1/label/"+label+"/values", url.Values{"match[]": {selector}})
	var values []string
	if err := json.Unmarshal(r.Data, &values); err != nil {
		tb.Fatalf("label values %s of %s: decode: %v", label, selector, err)
	}
	return values
}

// waitFor polls check until it returns true or queryTimeout passes.
func waitFor(check func() bool) bool {
	deadline := time.Now().Add(queryTimeout)
	for {
		if check() {
			return true
		}
		if time.Now().After(deadline) {
			return false
		}
		time.Sleep(250 * time.Millisecond)
	}
}

func TestDashboardQueriesOnRealPrometheus(t *testing.T) {
	d := loadDashboard(t)
	queries := d.queries(t)
	variables := d.variableQueries(t)

	gateway := startPushgateway(t)
	prom := startPrometheus(t, gateway)
	opts := Options{URL: gateway, Grouping: []Label{{"repo", "perfgate"}}}

	// First push, then wait until Prometheus has scraped it, so the second
	// push lands in a later scrape and the series have two points.
	first := loadReport(t)
	reg := prometheus.NewRegistry()
	if err := RegisterReport(reg, first, Info{Commit: "first", Branch: "main"}, time.Now()); err != nil {
		t.Fatal(err)
	}
	if err := Push(context.Background(), reg, opts); err != nil {
		t.Fatalf("first push: %v", err)
	}
	if !waitFor(func() bool { return instantSeries(t, prom, `perfgate_run_info{commit="first"}`) > 0 }) {
		t.Fatalf("Prometheus at %s did not scrape the first push within %v", prom, queryTimeout)
	}

	second := loadReport(t)
	ratio := 1.3
	second.Benchmarks[0].Ratio = &ratio
	reg = prometheus.NewRegistry()
	if err := RegisterReport(reg, second, Info{Commit: "second", Branch: "main"}, time.Now()); err != nil {
		t.Fatal(err)
	}
	if err := Push(context.Background(), reg, opts); err != nil {
		t.Fatalf("second push: %v", err)
	}
	if !waitFor(func() bool { return instantSeries(t, prom, `perfgate_run_info{commit="second"}`) > 0 }) {
		t.Fatalf("Prometheus at %s did not scrape the second push within %v", prom, queryTimeout)
	}

	for _, q := range queries {
		t.Run(q.where, func(t *testing.T) {
			if !waitFor(func() bool { return instantSeries(t, prom, q.expr) > 0 }) {
				t.Errorf("%s: query %s returned no data within %v", q.where, q.expr, queryTimeout)
			}
		})
	}
	for name, v := range variables {
		t.Run("variable "+name, func(t *testing.T) {
			if got := labelValues(t, prom, v[0], v[1]); len(got) == 0 {
				t.Errorf("variable %s: label_values(%s, %s) returned no values", name, v[0], v[1])
			}
		})
	}

	// Both pushes are in the ratio's history, so the trend panels have
	// two different points to draw.
	series := `perfgate_benchmark_ratio{benchmark="CacheHit", unit="sec/op"}[10m]`
	for _, tt := range []struct {
		expr string
		want float64
	}{
		{"min_over_time(" + series + ")", 1.25},
		{"max_over_time(" + series + ")", 1.3},
	} {
		if got, ok := instantValue(t, prom, tt.expr); !ok || got != tt.want {
			t.Errorf("%s = %g (found %t), want %g", tt.expr, got, ok, tt.want)
		}
	}
}

// instantValue runs an instant query that returns one series and returns
// its value.
func instantValue(tb testing.TB, base, expr string) (float64, bool) {
	tb.Helper()
	r := promGet(tb, base, "/api/v1/query", url.Values{"query": {expr}})
	var data struct {
		Result []struct {
			Value [2]any `json:"value"` // [unix time, "value"]
		} `json:"result"`
	}
	if err := json.Unmarshal(r.Data, &data); err != nil {
		tb.Fatalf("query %q: decode: %v", expr, err)
	}
	if len(data.Result) != 1 {
		return 0, false
	}
	text, _ := data.Result[0].Value[1].(string)
	v, err := strconv.ParseFloat(text, 64)
	return v, err == nil
}
