package runner

import (
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

// Source files of the throwaway modules the tests run go test on. They use
// only the standard library, so no module download is needed.
const (
	goMod = "module example.com/tiny\n\ngo 1.26\n"

	passingBench = `package tiny

import "testing"

func BenchmarkSum(b *testing.B) {
	n := 0
	for b.Loop() {
		n++
	}
}
`
	twoBenches = `package tiny

import "testing"

func BenchmarkFirst(b *testing.B) {
	for b.Loop() {
	}
}

func BenchmarkSecond(b *testing.B) {
	for b.Loop() {
	}
}
`
	failingBench = `package tiny

import "testing"

func BenchmarkBroken(b *testing.B) {
	b.Fatal("fixture failure 7f3a")
}
`
	panickingBench = `package tiny

import "testing"

func BenchmarkPanics(b *testing.B) {
	panic("fixture panic 91c2")
}
`
	compileError = `package tiny

var broken = undefinedName
`
	noBench = `package tiny

func Add(a, b int) int { return a + b }
`
)

// writeModule writes a module with go.mod and the given files into a new
// temporary directory and returns the directory.
func writeModule(tb testing.TB, files map[string]string) string {
	tb.Helper()
	dir := tb.TempDir()
	files["go.mod"] = goMod
	for name, content := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(content), 0o644); err != nil {
			tb.Fatal(err)
		}
	}
	return dir
}

// childEnv returns the environment for the go commands the tests start:
// the process's environment with the settings that could make a tiny
// module fail to build (a workspace, a toolchain switch, flags) turned off.
func childEnv(tb testing.TB) []string {
	tb.Helper()
	if _, err := exec.LookPath("go"); err != nil {
		tb.Fatalf("the tests run the go command, which is not on PATH: %v", err)
	}
	return append(os.Environ(), "GOFLAGS=", "GOWORK=off", "GOTOOLCHAIN=local", "GOPROXY=off")
}
