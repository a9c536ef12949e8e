package security

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"testing"
	"time"
)

// env returns a lookup function over a fixed map, so no test reads the
// process environment.
func env(vars map[string]string) func(string) (string, bool) {
	return func(name string) (string, bool) {
		v, ok := vars[name]
		return v, ok
	}
}

// recordingLogger returns a logger that writes JSON lines into the buffer.
func recordingLogger(tb testing.TB) (*slog.Logger, *bytes.Buffer) {
	tb.Helper()
	var buf bytes.Buffer
	return slog.New(slog.NewJSONHandler(&buf, nil)), &buf
}

const strongKey = "0123456789abcdef0123456789abcdef"

func TestLoadConfig(t *testing.T) {
	tests := []struct {
		name         string
		vars         map[string]string
		wantEnv      string
		wantKey      string
		wantSource   string
		wantLifetime time.Duration
		wantWarnings int
	}{
		{"empty environment", map[string]string{}, "development", DevelopmentKey, KeySourceDevelopment, 24 * time.Hour, 1},
		{"explicit development", map[string]string{"ENVIRONMENT": "development"}, "development", DevelopmentKey, KeySourceDevelopment, 24 * time.Hour, 1},
		{"empty ENVIRONMENT is development", map[string]string{"ENVIRONMENT": ""}, "development", DevelopmentKey, KeySourceDevelopment, 24 * time.Hour, 1},
		{"case and space ignored", map[string]string{"ENVIRONMENT": " Production ", "SECRET_KEY": strongKey}, "production", strongKey, KeySourceSecretKey, 24 * time.Hour, 0},
		{"development short key wins", map[string]string{"SECRET_KEY": "short"}, "development", "short", KeySourceSecretKey, 24 * time.Hour, 0},
		{"development JWT_SECRET", map[string]string{"JWT_SECRET": "jwt"}, "development", "jwt", KeySourceJWTSecret, 24 * time.Hour, 0},
		{"SECRET_KEY beats JWT_SECRET", map[string]string{"SECRET_KEY": "secret", "JWT_SECRET": "jwt"}, "development", "secret", KeySourceSecretKey, 24 * time.Hour, 0},
		{"empty SECRET_KEY falls back", map[string]string{"SECRET_KEY": "", "JWT_SECRET": "jwt"}, "development", "jwt", KeySourceJWTSecret, 24 * time.Hour, 0},
		{"production JWT_SECRET", map[string]string{"ENVIRONMENT": "production", "JWT_SECRET": strongKey}, "production", strongKey, KeySourceJWTSecret, 24 * time.Hour, 0},
		{"production key of exactly 32 bytes", map[string]string{"ENVIRONMENT": "production", "SECRET_KEY": strings.Repeat("k", 32)}, "production", strings.Repeat("k", 32), KeySourceSecretKey, 24 * time.Hour, 0},
		{"lifetime set", map[string]string{"TOKEN_LIFETIME": "90m"}, "development", DevelopmentKey, KeySourceDevelopment, 90 * time.Minute, 1},
		{"blank lifetime is default", map[string]string{"TOKEN_LIFETIME": " "}, "development", DevelopmentKey, KeySourceDevelopment, 24 * time.Hour, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			logger, buf := recordingLogger(t)
			cfg, err := LoadConfig(env(tt.vars), logger)
			if err != nil {
				t.Fatalf("LoadConfig: %v", err)
			}
			if cfg.Environment != tt.wantEnv {
				t.Errorf("Environment = %q, want %q", cfg.Environment, tt.wantEnv)
			}
			if string(cfg.Key()) != tt.wantKey {
				t.Errorf("Key = %q, want %q", cfg.Key(), tt.wantKey)
			}
			if cfg.KeySource != tt.wantSource {
				t.Errorf("KeySource = %q, want %q", cfg.KeySource, tt.wantSource)
			}
			if cfg.TokenLifetime != tt.wantLifetime {
				t.Errorf("TokenLifetime = %v, want %v", cfg.TokenLifetime, tt.wantLifetime)
			}
			if cfg.IsProduction() != (tt.wantEnv == "production") {
				t.Errorf("IsProduction = %v, want %v", cfg.IsProduction(), tt.wantEnv == "production")
			}
			if got := strings.Count(buf.String(), `"level":"WARN"`); got != tt.wantWarnings {
				t.Errorf("warnings logged = %d, want %d; log:\n%s", got, tt.wantWarnings, buf)
			}
			if tt.wantKey != DevelopmentKey && strings.Contains(buf.String(), tt.wantKey) {
				t.Errorf("log contains the key:\n%s", buf)
			}
		})
	}
}

func TestLoadConfigRejects(t *testing.T) {
	tests := []struct {
		name     string
		vars     map[string]string
		wantErr  error
		wantText []string
	}{
		{"unknown environment", map[string]string{"ENVIRONMENT": "staging"}, ErrInvalidEnvironment, []string{`"staging"`, "development", "production"}},
		{"production without key", map[string]string{"ENVIRONMENT": "production"}, ErrMissingKey, []string{"SECRET_KEY", "openssl rand"}},
		{"production with empty keys", map[string]string{"ENVIRONMENT": "production", "SECRET_KEY": "", "JWT_SECRET": ""}, ErrMissingKey, []string{"SECRET_KEY"}},
		{"production with development key", map[string]string{"ENVIRONMENT": "production", "SECRET_KEY": DevelopmentKey}, ErrDevelopmentKey, []string{"SECRET_KEY", "development key"}},
		{"production with development JWT_SECRET", map[string]string{"ENVIRONMENT": "production", "JWT_SECRET": DevelopmentKey}, ErrDevelopmentKey, []string{"JWT_SECRET"}},
		{"production with 31-byte key", map[string]string{"ENVIRONMENT": "production", "SECRET_KEY": strings.Repeat("k", 31)}, ErrShortKey, []string{"SECRET_KEY", "31 bytes", "at least 32"}},
		{"unparsable lifetime", map[string]string{"TOKEN_LIFETIME": "one day"}, ErrInvalidLifetime, []string{"TOKEN_LIFETIME", `"one day"`}},
		{"zero lifetime", map[string]string{"TOKEN_LIFETIME": "0s"}, ErrInvalidLifetime, []string{"positive"}},
		{"negative lifetime", map[string]string{"TOKEN_LIFETIME": "-1h"}, ErrInvalidLifetime, []string{"positive"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			logger, buf := recordingLogger(t)
			_, err := LoadConfig(env(tt.vars), logger)
			if !errors.Is(err, tt.wantErr) {
				t.Fatalf("LoadConfig error = %v, want %v", err, tt.wantErr)
			}
			for _, text := range tt.wantText {
				if !strings.Contains(err.Error(), text) {
					t.Errorf("error %q does not contain %q", err, text)
				}
			}
			if key := tt.vars["SECRET_KEY"]; key != "" && strings.Contains(err.Error(), key) {
				t.Errorf("error %q contains the key", err)
			}
			if key := tt.vars["SECRET_KEY"]; key != "" && strings.Contains(buf.String(), key) {
				t.Errorf("log contains the key:\n%s", buf)
			}
		})
	}
}

func TestLoadConfigNilArguments(t *testing.T) {
	if _, err := LoadConfig(nil, nil); err == nil {
		t.Error("LoadConfig(nil lookup) error = nil, want an error")
	}
	cfg, err := LoadConfig(env(nil), nil)
	if err != nil {
		t.Fatalf("LoadConfig with nil logger: %v", err)
	}
	if string(cfg.Key()) != DevelopmentKey {
		t.Errorf("Key = %q, want the development key", cfg.Key())
	}
}

func TestConfigKeyReturnsCopy(t *testing.T) {
	cfg, err := LoadConfig(env(map[string]string{"SECRET_KEY": "abc"}), nil)
	if err != nil {
		t.Fatal(err)
	}
	k := cfg.Key()
	k[0] = 'X'
	if got := string(cfg.Key()); got != "abc" {
		t.Errorf("Key after caller change = %q, want %q", got, "abc")
	}
}

func TestConfigRedactsKey(t *testing.T) {
	const secret = "super-secret-value-that-must-not-leak"
	cfg, err := LoadConfig(env(map[string]string{"SECRET_KEY": secret}), nil)
	if err != nil {
		t.Fatal(err)
	}

	var logBuf bytes.Buffer
	slog.New(slog.NewTextHandler(&logBuf, nil)).Info("config", "cfg", cfg)
	var jsonLog bytes.Buffer
	slog.New(slog.NewJSONHandler(&jsonLog, nil)).Info("config", "cfg", cfg)
	marshaled, err := json.Marshal(cfg)
	if err != nil {
		t.Fatal(err)
	}

	outputs := map[string]string{
		"%v":         fmt.Sprintf("%v", cfg),
		"%+v":        fmt.Sprintf("%+v", cfg),
		"%#v":        fmt.Sprintf("%#v", cfg),
		"%s":         fmt.Sprintf("%s", cfg),
		"%q":         fmt.Sprintf("%q", cfg),
		"%x":         fmt.Sprintf("%x", cfg),
		"pointer %v": fmt.Sprintf("%v", &cfg),
		"String":     cfg.String(),
		"slog text":  logBuf.String(),
		"slog JSON":  jsonLog.String(),
		"JSON":       string(marshaled),
	}
	for name, out := range outputs {
		if strings.Contains(out, secret) {
			t.Errorf("%s output contains the key: %s", name, out)
		}
		if strings.Contains(out, fmt.Sprintf("%x", secret)) {
			t.Errorf("%s output contains the key in hex: %s", name, out)
		}
	}
	if !strings.Contains(cfg.String(), "REDACTED") {
		t.Errorf("String() = %q, want it to mark the key as redacted", cfg.String())
	}
	if !strings.Contains(logBuf.String(), "environment=development") {
		t.Errorf("slog output = %q, want the environment", logBuf.String())
	}
}
