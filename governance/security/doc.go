// Package security loads the security configuration of the governance
// service and issues and verifies signed agent tokens.
//
// LoadConfig reads settings through an injected lookup function, never from
// the process environment directly, so tests do not depend on the
// environment they run in:
//
//   - ENVIRONMENT is "development" (the default) or "production"; any other
//     value is an error that names the accepted values.
//   - SECRET_KEY is the signing key, with JWT_SECRET as fallback. A key that
//     is set always wins.
//   - TOKEN_LIFETIME is the token lifetime as a Go duration, default 24h.
//
// In development without a key, the public DevelopmentKey is used and one
// warning is logged to the injected logger. Production refuses to start when
// the key is missing, equals DevelopmentKey or is shorter than 32 bytes, and
// the error names the variable and how to set it. The key is never logged:
// Config redacts it in every fmt verb and in slog.
//
// Tokens are JWTs signed with HS256 through github.com/golang-jwt/jwt/v5.
// The subject is the agent id, and each token carries issued-at, not-before,
// expiry and a random token id, so two tokens for one agent differ.
// Verification accepts only HS256 and rejects "none" and every other
// algorithm, a wrong key, a tampered payload, an expired or not-yet-valid
// token and a missing subject, each with its own sentinel error for
// errors.Is.
package security
