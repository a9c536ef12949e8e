package security

import (
	"errors"
	"fmt"
	"io"
	"log/slog"
	"strings"
	"time"
)

// Environment names accepted in ENVIRONMENT.
const (
	EnvironmentDevelopment = "development"
	EnvironmentProduction  = "production"
)

// Variables that LoadConfig reads through its lookup function.
const (
	VarEnvironment   = "ENVIRONMENT"
	VarSecretKey     = "SECRET_KEY"
	VarJWTSecret     = "JWT_SECRET"
	VarTokenLifetime = "TOKEN_LIFETIME"
)

// DevelopmentKey is the signing key used in development when neither
// SECRET_KEY nor JWT_SECRET is set. It is public, so tokens signed with it
// prove nothing, and LoadConfig rejects it in production.
const DevelopmentKey = "dev-secret-key-do-not-use-in-production"

// MinProductionKeyLength is the shortest key, in bytes, accepted in
// production. RFC 7518 section 3.2 requires an HS256 key at least as long as
// the SHA-256 output, which is 32 bytes.
const MinProductionKeyLength = 32

// DefaultTokenLifetime is the token lifetime when TOKEN_LIFETIME is unset.
const DefaultTokenLifetime = 24 * time.Hour

// Errors returned by LoadConfig. Each is wrapped with a message that names
// the variable and how to fix it.
var (
	ErrInvalidEnvironment = errors.New("invalid environment")
	ErrMissingKey         = errors.New("missing signing key")
	ErrDevelopmentKey     = errors.New("development signing key used in production")
	ErrShortKey           = errors.New("signing key too short")
	ErrInvalidLifetime    = errors.New("invalid token lifetime")
)

// Key sources reported by Config.KeySource.
const (
	KeySourceSecretKey   = VarSecretKey
	KeySourceJWTSecret   = VarJWTSecret
	KeySourceDevelopment = "development default"
)

// Config is the security configuration. Its String, GoString, Format and
// LogValue methods redact the key, so printing or logging a Config never
// shows it.
type Config struct {
	// Environment is EnvironmentDevelopment or EnvironmentProduction.
	Environment string
	// TokenLifetime is how long an issued token stays valid.
	TokenLifetime time.Duration
	// KeySource names where the key came from: SECRET_KEY, JWT_SECRET or
	// the development default.
	KeySource string

	key []byte
}

// Key returns a copy of the signing key.
func (c Config) Key() []byte {
	return append([]byte(nil), c.key...)
}

// IsProduction reports whether the environment is production.
func (c Config) IsProduction() bool {
	return c.Environment == EnvironmentProduction
}

// LoadConfig reads the security configuration through lookup, which has the
// signature of os.LookupEnv so tests can pass a map instead of the process
// environment. It reads:
//
//   - ENVIRONMENT: "development" (the default when unset or empty) or
//     "production", in any letter case. Any other value is an error.
//   - SECRET_KEY, or JWT_SECRET when SECRET_KEY is unset or empty: the
//     HS256 signing key. A key that is set is always used.
//   - TOKEN_LIFETIME: a positive Go duration such as "24h" or "90m"; the
//     default is 24h.
//
// In development without a key, LoadConfig uses DevelopmentKey and logs one
// warning to logger. In production it returns an error when the key is
// missing, equals DevelopmentKey or is shorter than 32 bytes. A nil logger
// discards the warning. The key is never logged.
func LoadConfig(lookup func(string) (string, bool), logger *slog.Logger) (Config, error) {
	if lookup == nil {
		return Config{}, errors.New("load security config: nil lookup: pass os.LookupEnv or a map-backed function")
	}
	if logger == nil {
		logger = slog.New(slog.NewTextHandler(io.Discard, nil))
	}

	env, err := loadEnvironment(lookup)
	if err != nil {
		return Config{}, fmt.Errorf("load security config: %w", err)
	}
	lifetime, err := loadLifetime(lookup)
	if err != nil {
		return Config{}, fmt.Errorf("load security config: %w", err)
	}
	cfg := Config{Environment: env, TokenLifetime: lifetime}

	key, source := loadKey(lookup)
	if env == EnvironmentProduction {
		if err := checkProductionKey(key, source); err != nil {
			return Config{}, fmt.Errorf("load security config: %w", err)
		}
	}
	if source == "" {
		key, source = DevelopmentKey, KeySourceDevelopment
		logger.Warn("no signing key set, using the public development key: set SECRET_KEY before exposing this service",
			"environment", env)
	}
	cfg.key = []byte(key)
	cfg.KeySource = source
	return cfg, nil
}

func loadEnvironment(lookup func(string) (string, bool)) (string, error) {
	raw, _ := lookup(VarEnvironment)
	env := strings.ToLower(strings.TrimSpace(raw))
	switch env {
	case "", EnvironmentDevelopment:
		return EnvironmentDevelopment, nil
	case EnvironmentProduction:
		return EnvironmentProduction, nil
	}
	return "", fmt.Errorf("%w: %s=%q: want %q or %q", ErrInvalidEnvironment, VarEnvironment, raw, EnvironmentDevelopment, EnvironmentProduction)
}

func loadLifetime(lookup func(string) (string, bool)) (time.Duration, error) {
	raw, ok := lookup(VarTokenLifetime)
	if !ok || strings.TrimSpace(raw) == "" {
		return DefaultTokenLifetime, nil
	}
	d, err := time.ParseDuration(strings.TrimSpace(raw))
	if err != nil {
		return 0, fmt.Errorf("%w: %s=%q: want a Go duration such as \"24h\": %w", ErrInvalidLifetime, VarTokenLifetime, raw, err)
	}
	if d <= 0 {
		return 0, fmt.Errorf("%w: %s=%q: want a positive duration such as \"24h\"", ErrInvalidLifetime, VarTokenLifetime, raw)
	}
	return d, nil
}

// loadKey returns the key and the variable it came from, or "" and "" when
// neither variable is set to a non-empty value.
func loadKey(lookup func(string) (string, bool)) (key, source string) {
	if v, ok := lookup(VarSecretKey); ok && v != "" {
		return v, KeySourceSecretKey
	}
	if v, ok := lookup(VarJWTSecret); ok && v != "" {
		return v, KeySourceJWTSecret
	}
	return "", ""
}

func checkProductionKey(key, source string) error {
	const fix = "generate one with `openssl rand -hex 32` and set it in SECRET_KEY"
	switch {
	case source == "":
		return fmt.Errorf("%w: %s=production needs %s (or %s): %s", ErrMissingKey, VarEnvironment, VarSecretKey, VarJWTSecret, fix)
	case key == DevelopmentKey:
		return fmt.Errorf("%w: %s is set to the public development key: %s", ErrDevelopmentKey, source, fix)
	case len(key) < MinProductionKeyLength:
		return fmt.Errorf("%w: %s is %d bytes, production needs at least %d: %s", ErrShortKey, source, len(key), MinProductionKeyLength, fix)
	}
	return nil
}

// String describes the config with the key redacted.
func (c Config) String() string {
	return fmt.Sprintf("security.Config{Environment: %q, TokenLifetime: %v, KeySource: %q, Key: %s}",
		c.Environment, c.TokenLifetime, c.KeySource, redacted(c.key))
}

// GoString is used by %#v and redacts the key.
func (c Config) GoString() string {
	return c.String()
}

// Format makes every fmt verb print String, so no verb reaches the key.
func (c Config) Format(f fmt.State, verb rune) {
	io.WriteString(f, c.String())
}

// LogValue logs the config as a group with the key redacted.
func (c Config) LogValue() slog.Value {
	return slog.GroupValue(
		slog.String("environment", c.Environment),
		slog.Duration("token_lifetime", c.TokenLifetime),
		slog.String("key_source", c.KeySource),
		slog.String("key", redacted(c.key)),
	)
}

func redacted(key []byte) string {
	if len(key) == 0 {
		return "unset"
	}
	return fmt.Sprintf("[REDACTED %d bytes]", len(key))
}
