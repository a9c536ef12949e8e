package bench

import (
	"testing"
	"time"

	"github.com/golang-jwt/jwt/v5"

	"github.com/perfgate/perfgate/governance/security"
)

// tokenKey is a fixed 32-byte benchmark key. It signs nothing outside
// this package.
var tokenKey = []byte("bench-key-0123456789abcdef-32byt")

// tokenClock is a fixed clock, so every token has the same times and the
// same length.
func tokenClock() time.Time { return time.Date(2026, 1, 1, 12, 0, 0, 0, time.UTC) }

func newSigner(tb testing.TB) *security.Signer {
	tb.Helper()
	signer, err := security.NewSigner(tokenKey, 24*time.Hour, tokenClock)
	if err != nil {
		tb.Fatalf("NewSigner: %v", err)
	}
	return signer
}

// jwtClaims returns the claims the Signer puts in a token, for the
// golang-jwt alternative.
func jwtClaims() jwt.RegisteredClaims {
	now := tokenClock()
	return jwt.RegisteredClaims{
		Subject:   "agent-00001",
		IssuedAt:  jwt.NewNumericDate(now),
		NotBefore: jwt.NewNumericDate(now),
		ExpiresAt: jwt.NewNumericDate(now.Add(24 * time.Hour)),
		ID:        "0123456789abcdef0123456789abcdef",
	}
}

// BenchmarkTokenIssue measures signing an HS256 agent token with the
// Signer (impl=signer), which also draws a random token id, beside
// golang-jwt signing the same claims with a fixed id (impl=jwt).
func BenchmarkTokenIssue(b *testing.B) {
	b.Run("impl=signer", func(b *testing.B) {
		signer := newSigner(b)
		if _, err := signer.Issue("agent-00001"); err != nil {
			b.Fatalf("Issue: %v", err)
		}
		b.ReportAllocs()
		for b.Loop() {
			signer.Issue("agent-00001")
		}
	})

	b.Run("impl=jwt", func(b *testing.B) {
		claims := jwtClaims()
		if _, err := jwt.NewWithClaims(jwt.SigningMethodHS256, claims).SignedString(tokenKey); err != nil {
			b.Fatalf("SignedString: %v", err)
		}
		b.ReportAllocs()
		for b.Loop() {
			jwt.NewWithClaims(jwt.SigningMethodHS256, claims).SignedString(tokenKey)
		}
	})
}

// BenchmarkTokenVerify measures verifying a valid HS256 agent token with
// the Signer (impl=signer), beside golang-jwt parsing it with only the
// algorithm restricted (impl=jwt).
func BenchmarkTokenVerify(b *testing.B) {
	signer := newSigner(b)
	token, err := signer.Issue("agent-00001")
	if err != nil {
		b.Fatalf("Issue: %v", err)
	}

	b.Run("impl=signer", func(b *testing.B) {
		claims, err := signer.Verify(token)
		if err != nil || claims.Subject != "agent-00001" {
			b.Fatalf("Verify: got %v, %v; want subject agent-00001", claims, err)
		}
		b.ReportAllocs()
		for b.Loop() {
			signer.Verify(token)
		}
	})

	b.Run("impl=jwt", func(b *testing.B) {
		parser := jwt.NewParser(jwt.WithValidMethods([]string{"HS256"}), jwt.WithTimeFunc(tokenClock))
		keyFunc := func(*jwt.Token) (any, error) { return tokenKey, nil }
		if _, err := parser.ParseWithClaims(token, &jwt.RegisteredClaims{}, keyFunc); err != nil {
			b.Fatalf("ParseWithClaims: %v", err)
		}
		b.ReportAllocs()
		for b.Loop() {
			parser.ParseWithClaims(token, &jwt.RegisteredClaims{}, keyFunc)
		}
	})
}
