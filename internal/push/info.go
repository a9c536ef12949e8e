package push

// Info describes the measured run. It is exposed as the labels of
// perfgate_run_info and never as a grouping key. Empty fields are exposed
// as empty labels, which Prometheus treats as absent.
type Info struct {
	Commit          string
	Branch          string
	GoVersion       string
	GOOS            string
	GOARCH          string
	CPU             string
	PerfgateVersion string
}

// InfoFromConfig fills Info from Go benchmark config lines, as kept in
// results.Set.Env and compare.Environment: commit, branch, goversion (or
// go), goos, goarch and cpu. The first value of each key wins. Perfgate's
// version is left for the caller.
func InfoFromConfig(env map[string][]string) Info {
	first := func(keys ...string) string {
		for _, k := range keys {
			if v := env[k]; len(v) > 0 {
				return v[0]
			}
		}
		return ""
	}
	return Info{
		Commit:    first("commit"),
		Branch:    first("branch"),
		GoVersion: first("goversion", "go"),
		GOOS:      first("goos"),
		GOARCH:    first("goarch"),
		CPU:       first("cpu"),
	}
}

func (i Info) labels() (names, values []string) {
	names = []string{"commit", "branch", "go_version", "goos", "goarch", "cpu", "perfgate_version"}
	values = []string{i.Commit, i.Branch, i.GoVersion, i.GOOS, i.GOARCH, i.CPU, i.PerfgateVersion}
	return names, values
}
