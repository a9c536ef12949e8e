package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestManualExamples runs every example in the "# Examples" section of
// doc.go, so the manual cannot drift from the command.
func TestManualExamples(t *testing.T) {
	src, err := os.ReadFile("doc.go")
	if err != nil {
		t.Fatal(err)
	}
	_, examples, ok := strings.Cut(string(src), "// # Examples")
	if !ok {
		t.Fatal("doc.go has no \"# Examples\" section")
	}
	tmp := filepath.Join(t.TempDir(), "example.json")
	var lines []string
	for _, line := range strings.Split(examples, "\n") {
		if cmd, ok := strings.CutPrefix(line, "//\tperfgate "); ok {
			lines = append(lines, strings.ReplaceAll(cmd, "/tmp/perfgate-example.json", tmp))
		}
	}
	if len(lines) == 0 {
		t.Fatal("no examples found in doc.go")
	}

	t.Chdir("../..")
	for _, line := range lines {
		var stdout, stderr bytes.Buffer
		env := &cmdEnv{
			stdin:  strings.NewReader(""),
			stdout: &stdout,
			stderr: &stderr,
			getenv: func(string) string { return "" },
		}
		code := runEnv(context.Background(), strings.Fields(line), env)
		if code == exitError {
			t.Errorf("perfgate %s: exit status %d, want 0 or 1\nstderr:\n%s", line, code, stderr.String())
		}
		if stdout.Len() == 0 {
			t.Errorf("perfgate %s: printed nothing on stdout", line)
		}
	}
}
