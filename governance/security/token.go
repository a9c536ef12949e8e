package security

import (
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"time"

	"github.com/golang-jwt/jwt/v5"
)

// Verification errors. Verify wraps exactly one of them, so a caller can
// tell the cases apart with errors.Is. The error also wraps the
// github.com/golang-jwt/jwt/v5 error it came from, when there is one.
var (
	// ErrMalformed means the token is not three base64url segments of JSON,
	// or lacks a required claim other than the subject.
	ErrMalformed = errors.New("malformed token")
	// ErrAlgorithm means the header names an algorithm other than HS256,
	// including "none".
	ErrAlgorithm = errors.New("token signing algorithm is not HS256")
	// ErrSignature means the signature does not match the header and
	// payload under the signer's key: a wrong key or a tampered token.
	ErrSignature = errors.New("token signature does not match: wrong key or tampered token")
	// ErrExpired means the expiry time has passed.
	ErrExpired = errors.New("expired token")
	// ErrNotYetValid means the not-before or issued-at time is in the future.
	ErrNotYetValid = errors.New("token not valid yet")
	// ErrMissingSubject means the token names no agent.
	ErrMissingSubject = errors.New("token has no subject")
)

// signingAlgorithm is the only algorithm Issue uses and Verify accepts.
const signingAlgorithm = "HS256"

// Claims are the claims of an agent token. Subject is the agent id and ID a
// random token id, so two tokens for the same agent differ.
type Claims struct {
	jwt.RegisteredClaims
}

// Signer issues and verifies HS256 agent tokens. It is safe for concurrent
// use.
type Signer struct {
	key      []byte
	lifetime time.Duration
	now      func() time.Time
	parser   *jwt.Parser
}

// NewSigner returns a Signer that signs with key and issues tokens valid for
// lifetime. now is the clock for issuing and checking times; nil means
// time.Now. The key is copied. It rejects an empty key and a lifetime that
// is not positive.
func NewSigner(key []byte, lifetime time.Duration, now func() time.Time) (*Signer, error) {
	if len(key) == 0 {
		return nil, errors.New("new signer: empty key: pass Config.Key()")
	}
	if lifetime <= 0 {
		return nil, fmt.Errorf("new signer: token lifetime %v is not positive: use e.g. 24*time.Hour", lifetime)
	}
	if now == nil {
		now = time.Now
	}
	s := &Signer{
		key:      append([]byte(nil), key...),
		lifetime: lifetime,
		now:      now,
	}
	s.parser = jwt.NewParser(
		jwt.WithValidMethods([]string{signingAlgorithm}),
		jwt.WithTimeFunc(func() time.Time { return s.now() }),
		jwt.WithExpirationRequired(),
		jwt.WithIssuedAt(),
	)
	return s, nil
}

// NewSignerFromConfig returns a Signer with the key and token lifetime of cfg.
func NewSignerFromConfig(cfg Config, now func() time.Time) (*Signer, error) {
	return NewSigner(cfg.key, cfg.TokenLifetime, now)
}

// Issue returns a signed token for the agent with subject agentID, issued-at
// and not-before set to now, expiry now plus the lifetime, and a random
// 128-bit token id. It rejects an empty agentID.
func (s *Signer) Issue(agentID string) (string, error) {
	if agentID == "" {
		return "", errors.New("issue token: empty agent id")
	}
	var id [16]byte
	if _, err := rand.Read(id[:]); err != nil {
		return "", fmt.Errorf("issue token for agent %q: read random token id: %w", agentID, err)
	}

	// JWT times have one-second resolution, so truncate to keep the
	// verified times equal to the issued ones.
	now := s.now().Truncate(time.Second)
	claims := Claims{jwt.RegisteredClaims{
		Subject:   agentID,
		IssuedAt:  jwt.NewNumericDate(now),
		NotBefore: jwt.NewNumericDate(now),
		ExpiresAt: jwt.NewNumericDate(now.Add(s.lifetime)),
		ID:        hex.EncodeToString(id[:]),
	}}
	token, err := jwt.NewWithClaims(jwt.SigningMethodHS256, claims).SignedString(s.key)
	if err != nil {
		return "", fmt.Errorf("issue token for agent %q: %w", agentID, err)
	}
	return token, nil
}

// Verify checks the token's algorithm, signature and times and returns its
// claims. The errors wrap one of ErrMalformed, ErrAlgorithm, ErrSignature,
// ErrExpired, ErrNotYetValid and ErrMissingSubject. The algorithm is checked
// before the signature, so a token signed with another algorithm is
// reported as ErrAlgorithm whatever its signature.
//
// NOTE: there is no leeway for clock skew. A token issued by a host whose
// clock runs ahead is ErrNotYetValid until this host's clock catches up.
func (s *Signer) Verify(token string) (*Claims, error) {
	claims := &Claims{}
	parsed, err := s.parser.ParseWithClaims(token, claims, func(*jwt.Token) (any, error) {
		return s.key, nil
	})
	if err != nil {
		return nil, fmt.Errorf("verify token: %w", classify(parsed, err))
	}
	if claims.Subject == "" {
		return nil, fmt.Errorf("verify token: %w", ErrMissingSubject)
	}
	return claims, nil
}

// VerifyAgent verifies the token and returns its subject, the agent id. It
// lets a Signer serve as the governance.TokenVerifier of a service.
func (s *Signer) VerifyAgent(token string) (string, error) {
	claims, err := s.Verify(token)
	if err != nil {
		return "", err
	}
	return claims.Subject, nil
}

// classify maps a jwt parse error to one of this package's sentinels and
// keeps the jwt error in the chain.
func classify(parsed *jwt.Token, err error) error {
	// The jwt package reports a disallowed algorithm as an invalid
	// signature and an unknown one as unverifiable, so read the header.
	if parsed != nil && parsed.Header != nil {
		if alg, _ := parsed.Header["alg"].(string); alg != signingAlgorithm {
			return fmt.Errorf("%w: header alg %q: %w", ErrAlgorithm, alg, err)
		}
	}

	var sentinel error
	switch {
	case errors.Is(err, jwt.ErrTokenMalformed):
		sentinel = ErrMalformed
	case errors.Is(err, jwt.ErrTokenSignatureInvalid):
		sentinel = ErrSignature
	case errors.Is(err, jwt.ErrTokenExpired):
		sentinel = ErrExpired
	case errors.Is(err, jwt.ErrTokenNotValidYet), errors.Is(err, jwt.ErrTokenUsedBeforeIssued):
		sentinel = ErrNotYetValid
	default:
		// A missing expiry, a claim of the wrong JSON type and anything
		// else the jwt package rejects.
		sentinel = ErrMalformed
	}
	return fmt.Errorf("%w: %w", sentinel, err)
}
