package baseline

import (
	"encoding/json"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
)

// fileSystem holds the file operations Save uses, so tests can make each
// step fail.
type fileSystem struct {
	createTemp func(dir, pattern string) (*os.File, error)
	write      func(f *os.File, data []byte) error
	syncFile   func(f *os.File) error
	rename     func(oldPath, newPath string) error
	syncDir    func(dir string) error
}

var osFileSystem = fileSystem{
	createTemp: os.CreateTemp,
	write:      func(f *os.File, data []byte) error { _, err := f.Write(data); return err },
	syncFile:   (*os.File).Sync,
	rename:     os.Rename,
	syncDir:    syncDir,
}

// Save validates b and writes it to path as indented JSON, replacing any
// file there atomically: it writes a temporary file in the same directory,
// syncs it, renames it over path and syncs the directory. It creates the
// directory when missing. An existing file keeps its permissions; a new
// one gets 0644.
//
// When Save fails before the rename, the file at path is unchanged and no
// temporary file is left. A failure to sync the directory after the rename
// is returned too, although the new file is then in place.
func Save(path string, b *Baseline) error {
	return save(path, b, osFileSystem)
}

func save(path string, b *Baseline, fsys fileSystem) (err error) {
	if err := b.Validate(); err != nil {
		return fmt.Errorf("save baseline %s: %w", path, err)
	}
	data, err := json.MarshalIndent(b, "", "  ")
	if err != nil {
		return fmt.Errorf("save baseline %s: encode: %w", path, err)
	}
	data = append(data, '\n')

	dir := filepath.Dir(path)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("save baseline %s: %w", path, err)
	}
	mode := fs.FileMode(0o644)
	if info, err := os.Stat(path); err == nil {
		mode = info.Mode().Perm()
	}

	tmp, err := fsys.createTemp(dir, "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return fmt.Errorf("save baseline %s: create temporary file: %w", path, err)
	}
	renamed := false
	defer func() {
		if err != nil && !renamed {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()

	// Each step is checked before the next, so the rename only ever
	// publishes a complete file that is on disk.
	if err := fsys.write(tmp, data); err != nil {
		return fmt.Errorf("save baseline %s: write: %w", path, err)
	}
	if err := tmp.Chmod(mode); err != nil {
		return fmt.Errorf("save baseline %s: set permissions: %w", path, err)
	}
	if err := fsys.syncFile(tmp); err != nil {
		return fmt.Errorf("save baseline %s: sync: %w", path, err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("save baseline %s: close: %w", path, err)
	}
	if err := fsys.rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("save baseline %s: rename: %w", path, err)
	}
	renamed = true

	if err := fsys.syncDir(dir); err != nil {
		return fmt.Errorf("saved baseline %s, but syncing directory %s failed, so the change may not survive a crash: %w", path, dir, err)
	}
	return nil
}

// syncDir flushes the directory entry of a rename to disk.
func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer d.Close()
	return d.Sync()
}
