package baseline

import (
	"bytes"
	"encoding/json"
	"errors"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

func TestSaveLoadRoundTrip(t *testing.T) {
	for _, files := range [][]string{
		{"crc-old.txt"},
		{"fiber-duplicate-names.txt"},
		{"odd-whitespace.txt"},
		{"test2json-split-lines.json"},
		{"units-exact.txt"},
	} {
		t.Run(files[0], func(t *testing.T) {
			b := fromCases(t, files...)
			path := filepath.Join(t.TempDir(), "sub", "baseline.json")
			if err := Save(path, b); err != nil {
				t.Fatal(err)
			}
			got, err := Load(path)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(b, got, cmpopts.EquateNaNs()); diff != "" {
				t.Errorf("loaded baseline differs (-saved +loaded):\n%s", diff)
			}
			info, err := os.Stat(path)
			if err != nil {
				t.Fatal(err)
			}
			if info.Mode().Perm() != 0o644 {
				t.Errorf("mode = %v, want 0644", info.Mode().Perm())
			}
		})
	}
}

func TestSaveWritesNullForInfiniteBounds(t *testing.T) {
	b := fromCases(t, "units-exact.txt")
	path := filepath.Join(t.TempDir(), "b.json")
	if err := Save(path, b); err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(data, []byte(`"p95_high": null`)) {
		t.Errorf("file has no null p95_high for a two-sample series:\n%s", data)
	}
	if !bytes.HasPrefix(data, []byte("{\n  \"version\": 1,")) {
		t.Errorf("file does not start with the version:\n%.60s", data)
	}
}

func TestSaveKeepsExistingMode(t *testing.T) {
	path := filepath.Join(t.TempDir(), "b.json")
	if err := os.WriteFile(path, []byte("old"), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := Save(path, fromCases(t, "units-exact.txt")); err != nil {
		t.Fatal(err)
	}
	info, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if info.Mode().Perm() != 0o600 {
		t.Errorf("mode = %v, want 0600 kept from the old file", info.Mode().Perm())
	}
}

func TestSaveFailureLeavesOldFile(t *testing.T) {
	errInjected := errors.New("injected failure")
	fail := func(step string) fileSystem {
		fsys := osFileSystem
		switch step {
		case "create":
			fsys.createTemp = func(string, string) (*os.File, error) { return nil, errInjected }
		case "write":
			fsys.write = func(f *os.File, data []byte) error {
				f.Write(data[:len(data)/2])
				return errInjected
			}
		case "sync":
			fsys.syncFile = func(*os.File) error { return errInjected }
		case "rename":
			fsys.rename = func(string, string) error { return errInjected }
		}
		return fsys
	}
	for _, step := range []string{"create", "write", "sync", "rename"} {
		t.Run(step, func(t *testing.T) {
			dir := t.TempDir()
			path := filepath.Join(dir, "baseline.json")
			old := []byte("old baseline\n")
			if err := os.WriteFile(path, old, 0o644); err != nil {
				t.Fatal(err)
			}
			err := save(path, fromCases(t, "units-exact.txt"), fail(step))
			if !errors.Is(err, errInjected) {
				t.Fatalf("save error = %v, want the injected failure", err)
			}
			if !strings.Contains(err.Error(), path) {
				t.Errorf("error %q does not name %s", err, path)
			}
			got, _ := os.ReadFile(path)
			if !bytes.Equal(got, old) {
				t.Errorf("file = %q, want the old content %q", got, old)
			}
			entries, _ := os.ReadDir(dir)
			if len(entries) != 1 {
				var names []string
				for _, e := range entries {
					names = append(names, e.Name())
				}
				t.Errorf("directory holds %q, want only baseline.json", names)
			}
		})
	}
}

func TestSaveDirSyncFailureIsReported(t *testing.T) {
	errInjected := errors.New("injected failure")
	fsys := osFileSystem
	fsys.syncDir = func(string) error { return errInjected }
	path := filepath.Join(t.TempDir(), "b.json")
	err := save(path, fromCases(t, "units-exact.txt"), fsys)
	if !errors.Is(err, errInjected) {
		t.Fatalf("save error = %v, want the injected failure", err)
	}
	if _, err := Load(path); err != nil {
		t.Errorf("Load after the rename: %v, want the new baseline", err)
	}
}

func TestSaveRejectsInvalidBaseline(t *testing.T) {
	b := fromCases(t, "units-exact.txt")
	b.Benchmarks[0].Samples[0] = math.NaN()
	path := filepath.Join(t.TempDir(), "b.json")
	if err := Save(path, b); err == nil {
		t.Fatal("Save of a NaN sample succeeded")
	}
	if _, err := os.Stat(path); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("Stat after failed Save: %v, want no file", err)
	}
}

// validJSON returns a saved baseline as a generic JSON object, for tests
// that break one field.
func validJSON(t testing.TB) map[string]any {
	t.Helper()
	data, err := json.Marshal(fromCases(t, "fiber-duplicate-names.txt"))
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]any
	if err := json.Unmarshal(data, &m); err != nil {
		t.Fatal(err)
	}
	return m
}

func TestLoadErrors(t *testing.T) {
	valid, err := json.MarshalIndent(fromCases(t, "fiber-duplicate-names.txt"), "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	edit := func(change func(m map[string]any)) []byte {
		m := validJSON(t)
		change(m)
		data, err := json.Marshal(m)
		if err != nil {
			t.Fatal(err)
		}
		return data
	}
	first := func(m map[string]any) map[string]any { return m["benchmarks"].([]any)[0].(map[string]any) }

	tests := []struct {
		name     string
		data     []byte
		contains string
	}{
		{"empty", nil, "file is empty"},
		{"truncated", valid[:len(valid)/2], "truncated at line"},
		{"invalid JSON", []byte("{\n  \"version\": 1,\n  oops\n}"), "invalid JSON at line 3, column 3"},
		{"results text", []byte("BenchmarkA 1 5 ns/op\n"), "invalid JSON at line 1"},
		{"newer version", edit(func(m map[string]any) { m["version"] = 2 }), "written by a newer perfgate (format version 2, this perfgate reads up to 1); upgrade perfgate"},
		{"missing version", edit(func(m map[string]any) { delete(m, "version") }), `missing "version"`},
		{"zero version", edit(func(m map[string]any) { m["version"] = 0 }), `invalid "version" 0`},
		{"string version", edit(func(m map[string]any) { m["version"] = "1" }), `invalid value for "version"`},
		{"missing created", edit(func(m map[string]any) { delete(m, "created") }), `missing "created"`},
		{"no benchmarks", edit(func(m map[string]any) { m["benchmarks"] = []any{} }), `no "benchmarks"`},
		{"missing name", edit(func(m map[string]any) { delete(first(m), "name") }), `benchmark 1 (`},
		{"missing unit", edit(func(m map[string]any) { delete(first(m), "unit") }), `missing "unit"`},
		{"bad better", edit(func(m map[string]any) { first(m)["better"] = "up" }), `"better" is "up"`},
		{"zero procs", edit(func(m map[string]any) { first(m)["procs"] = 0 }), `"procs" is 0`},
		{"n mismatch", edit(func(m map[string]any) { first(m)["n"] = 3 }), `"n" is 3 but "samples" contains 2 values`},
		{"negative sample", edit(func(m map[string]any) { first(m)["samples"] = []any{1, -1} }), "sample 2 is -1"},
		{"median outside samples", edit(func(m map[string]any) { first(m)["median"] = 1e9 }), `"median" is 1e+09, outside`},
		{"inverted interval", edit(func(m map[string]any) { first(m)["p95_low"] = 1e9; first(m)["p95_high"] = 1 }), "confidence interval of the p95"},
		{"samples wrong type", edit(func(m map[string]any) { first(m)["samples"] = "x" }), `invalid value for "benchmarks.samples"`},
		{"duplicate", edit(func(m map[string]any) {
			list := m["benchmarks"].([]any)
			m["benchmarks"] = append(list, list[0])
		}), "benchmarks 1 and 9 are both"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "baseline.json")
			if err := os.WriteFile(path, tt.data, 0o644); err != nil {
				t.Fatal(err)
			}
			b, err := Load(path)
			if err == nil {
				t.Fatalf("Load = %d benchmarks, want error", len(b.Benchmarks))
			}
			if !strings.Contains(err.Error(), path) {
				t.Errorf("error %q does not name the file", err)
			}
			if !strings.Contains(err.Error(), tt.contains) {
				t.Errorf("error %q does not contain %q", err, tt.contains)
			}
		})
	}
}

func TestLoadMissingFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "absent.json")
	_, err := Load(path)
	if !errors.Is(err, os.ErrNotExist) {
		t.Errorf("Load error = %v, want os.ErrNotExist", err)
	}
	if err != nil && !strings.Contains(err.Error(), path) {
		t.Errorf("error %q does not name the file", err)
	}
}
