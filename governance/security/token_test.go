package security

import (
	"encoding/base64"
	"encoding/json"
	"errors"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/golang-jwt/jwt/v5"
)

var testKey = []byte(strongKey)

// testClock is a settable clock for token times.
type testClock struct {
	mu  sync.Mutex
	now time.Time
}

func (c *testClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *testClock) Set(t time.Time) {
	c.mu.Lock()
	c.now = t
	c.mu.Unlock()
}

var epoch = time.Date(2026, 3, 4, 5, 6, 7, 0, time.UTC)

func newTestSigner(tb testing.TB) (*Signer, *testClock) {
	tb.Helper()
	clock := &testClock{now: epoch}
	s, err := NewSigner(testKey, time.Hour, clock.Now)
	if err != nil {
		tb.Fatalf("NewSigner: %v", err)
	}
	return s, clock
}

// sign builds a token with any method and claims, for forged inputs.
func sign(tb testing.TB, method jwt.SigningMethod, claims jwt.Claims, key any) string {
	tb.Helper()
	token, err := jwt.NewWithClaims(method, claims).SignedString(key)
	if err != nil {
		tb.Fatalf("sign with %s: %v", method.Alg(), err)
	}
	return token
}

func validClaims(subject string) jwt.RegisteredClaims {
	return jwt.RegisteredClaims{
		Subject:   subject,
		IssuedAt:  jwt.NewNumericDate(epoch),
		NotBefore: jwt.NewNumericDate(epoch),
		ExpiresAt: jwt.NewNumericDate(epoch.Add(time.Hour)),
		ID:        "test-id",
	}
}

// withHeader replaces the token's header with the given JSON and keeps the
// payload and signature.
func withHeader(tb testing.TB, token, header string) string {
	tb.Helper()
	parts := strings.Split(token, ".")
	parts[0] = base64.RawURLEncoding.EncodeToString([]byte(header))
	return strings.Join(parts, ".")
}

// withPayload replaces the token's payload and keeps the header and
// signature.
func withPayload(tb testing.TB, token string, claims any) string {
	tb.Helper()
	payload, err := json.Marshal(claims)
	if err != nil {
		tb.Fatal(err)
	}
	parts := strings.Split(token, ".")
	parts[1] = base64.RawURLEncoding.EncodeToString(payload)
	return strings.Join(parts, ".")
}

func TestSignerIssueVerify(t *testing.T) {
	s, _ := newTestSigner(t)
	token, err := s.Issue("agent-7")
	if err != nil {
		t.Fatalf("Issue: %v", err)
	}
	claims, err := s.Verify(token)
	if err != nil {
		t.Fatalf("Verify: %v", err)
	}
	if claims.Subject != "agent-7" {
		t.Errorf("Subject = %q, want %q", claims.Subject, "agent-7")
	}
	if got := claims.IssuedAt.Time; !got.Equal(epoch) {
		t.Errorf("IssuedAt = %v, want %v", got, epoch)
	}
	if got := claims.NotBefore.Time; !got.Equal(epoch) {
		t.Errorf("NotBefore = %v, want %v", got, epoch)
	}
	if got, want := claims.ExpiresAt.Time, epoch.Add(time.Hour); !got.Equal(want) {
		t.Errorf("ExpiresAt = %v, want %v", got, want)
	}
	if len(claims.ID) != 32 {
		t.Errorf("ID = %q, want 32 hex digits", claims.ID)
	}

	id, err := s.VerifyAgent(token)
	if err != nil || id != "agent-7" {
		t.Errorf("VerifyAgent = %q, %v, want agent-7, nil", id, err)
	}
}

func TestSignerTokensDiffer(t *testing.T) {
	s, _ := newTestSigner(t)
	seen := map[string]bool{}
	ids := map[string]bool{}
	for range 50 {
		token, err := s.Issue("agent-7")
		if err != nil {
			t.Fatal(err)
		}
		claims, err := s.Verify(token)
		if err != nil {
			t.Fatal(err)
		}
		if seen[token] || ids[claims.ID] {
			t.Fatalf("token %q or id %q issued twice", token, claims.ID)
		}
		seen[token], ids[claims.ID] = true, true
	}
}

func TestSignerVerifyRejects(t *testing.T) {
	s, clock := newTestSigner(t)
	good, err := s.Issue("agent-7")
	if err != nil {
		t.Fatal(err)
	}
	noSubject := validClaims("")
	noExpiry := validClaims("agent-7")
	noExpiry.ExpiresAt = nil
	tampered := validClaims("agent-admin")

	tests := []struct {
		name    string
		token   string
		now     time.Time
		wantErr error
	}{
		{"alg none", sign(t, jwt.SigningMethodNone, validClaims("agent-7"), jwt.UnsafeAllowNoneSignatureType), epoch, ErrAlgorithm},
		{"alg none with HS256 signature", withHeader(t, good, `{"alg":"none","typ":"JWT"}`), epoch, ErrAlgorithm},
		{"alg NONE upper case", withHeader(t, good, `{"alg":"NONE","typ":"JWT"}`), epoch, ErrAlgorithm},
		{"HS384 with right key", sign(t, jwt.SigningMethodHS384, validClaims("agent-7"), testKey), epoch, ErrAlgorithm},
		{"HS512 with right key", sign(t, jwt.SigningMethodHS512, validClaims("agent-7"), testKey), epoch, ErrAlgorithm},
		{"RS256 header", withHeader(t, good, `{"alg":"RS256","typ":"JWT"}`), epoch, ErrAlgorithm},
		{"unknown alg", withHeader(t, good, `{"alg":"XX999","typ":"JWT"}`), epoch, ErrAlgorithm},
		{"missing alg", withHeader(t, good, `{"typ":"JWT"}`), epoch, ErrAlgorithm},
		{"wrong key", sign(t, jwt.SigningMethodHS256, validClaims("agent-7"), []byte("another-key-another-key-another-k")), epoch, ErrSignature},
		{"tampered payload", withPayload(t, good, tampered), epoch, ErrSignature},
		{"truncated signature", good[:len(good)-4], epoch, ErrSignature},
		{"expired", good, epoch.Add(time.Hour + time.Second), ErrExpired},
		{"expired exactly at expiry", good, epoch.Add(time.Hour), ErrExpired},
		{"not before in future", sign(t, jwt.SigningMethodHS256, func() jwt.RegisteredClaims {
			c := validClaims("agent-7")
			c.NotBefore = jwt.NewNumericDate(epoch.Add(time.Minute))
			return c
		}(), testKey), epoch, ErrNotYetValid},
		{"issued in future", sign(t, jwt.SigningMethodHS256, func() jwt.RegisteredClaims {
			c := validClaims("agent-7")
			c.IssuedAt = jwt.NewNumericDate(epoch.Add(time.Minute))
			c.NotBefore = nil
			return c
		}(), testKey), epoch, ErrNotYetValid},
		{"missing subject", sign(t, jwt.SigningMethodHS256, noSubject, testKey), epoch, ErrMissingSubject},
		{"missing expiry", sign(t, jwt.SigningMethodHS256, noExpiry, testKey), epoch, ErrMalformed},
		{"empty string", "", epoch, ErrMalformed},
		{"two segments", "abc.def", epoch, ErrMalformed},
		{"garbage segments", "!!!.???.***", epoch, ErrMalformed},
		{"payload not JSON", strings.Join([]string{strings.Split(good, ".")[0], base64.RawURLEncoding.EncodeToString([]byte("not json")), strings.Split(good, ".")[2]}, "."), epoch, ErrMalformed},
	}
	sentinels := []error{ErrMalformed, ErrAlgorithm, ErrSignature, ErrExpired, ErrNotYetValid, ErrMissingSubject}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			clock.Set(tt.now)
			claims, err := s.Verify(tt.token)
			if !errors.Is(err, tt.wantErr) {
				t.Fatalf("Verify error = %v, want %v", err, tt.wantErr)
			}
			if claims != nil {
				t.Errorf("Verify claims = %+v, want nil", claims)
			}
			for _, other := range sentinels {
				if other != tt.wantErr && errors.Is(err, other) {
					t.Errorf("Verify error %v also matches %v, want only %v", err, other, tt.wantErr)
				}
			}
			if _, err := s.VerifyAgent(tt.token); !errors.Is(err, tt.wantErr) {
				t.Errorf("VerifyAgent error = %v, want %v", err, tt.wantErr)
			}
		})
	}
}

func TestSignerVerifyAcceptsWithinLifetime(t *testing.T) {
	s, clock := newTestSigner(t)
	token, err := s.Issue("agent-7")
	if err != nil {
		t.Fatal(err)
	}
	for _, offset := range []time.Duration{0, time.Minute, time.Hour - time.Second} {
		clock.Set(epoch.Add(offset))
		if _, err := s.Verify(token); err != nil {
			t.Errorf("Verify at issue time + %v: %v", offset, err)
		}
	}
}

func TestNewSignerRejects(t *testing.T) {
	tests := []struct {
		name     string
		key      []byte
		lifetime time.Duration
	}{
		{"nil key", nil, time.Hour},
		{"empty key", []byte{}, time.Hour},
		{"zero lifetime", testKey, 0},
		{"negative lifetime", testKey, -time.Hour},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if _, err := NewSigner(tt.key, tt.lifetime, nil); err == nil {
				t.Error("NewSigner error = nil, want an error")
			}
		})
	}
}

func TestNewSignerCopiesKey(t *testing.T) {
	key := []byte(strongKey)
	s, err := NewSigner(key, time.Hour, nil)
	if err != nil {
		t.Fatal(err)
	}
	token, err := s.Issue("agent-7")
	if err != nil {
		t.Fatal(err)
	}
	key[0] = 'X'
	if _, err := s.Verify(token); err != nil {
		t.Errorf("Verify after caller changed the key slice: %v", err)
	}
}

func TestSignerIssueRejectsEmptyAgent(t *testing.T) {
	s, _ := newTestSigner(t)
	if _, err := s.Issue(""); err == nil {
		t.Error("Issue(\"\") error = nil, want an error")
	}
}

func TestNewSignerFromConfig(t *testing.T) {
	cfg, err := LoadConfig(env(map[string]string{"SECRET_KEY": strongKey, "TOKEN_LIFETIME": "2h"}), nil)
	if err != nil {
		t.Fatal(err)
	}
	s, err := NewSignerFromConfig(cfg, func() time.Time { return epoch })
	if err != nil {
		t.Fatal(err)
	}
	token, err := s.Issue("agent-7")
	if err != nil {
		t.Fatal(err)
	}
	claims, err := s.Verify(token)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := claims.ExpiresAt.Time, epoch.Add(2*time.Hour); !got.Equal(want) {
		t.Errorf("ExpiresAt = %v, want %v", got, want)
	}
	// A signer with the config's key verifies tokens of a plain signer.
	plain, err := NewSigner(testKey, time.Hour, func() time.Time { return epoch })
	if err != nil {
		t.Fatal(err)
	}
	if _, err := plain.Verify(token); err != nil {
		t.Errorf("Verify with the same key: %v", err)
	}
}

func TestSignerConcurrentUse(t *testing.T) {
	s, _ := newTestSigner(t)
	var wg sync.WaitGroup
	for range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for range 20 {
				token, err := s.Issue("agent-7")
				if err != nil {
					t.Error(err)
					return
				}
				if _, err := s.Verify(token); err != nil {
					t.Error(err)
					return
				}
			}
		}()
	}
	wg.Wait()
}

// FuzzVerify checks that every rejection wraps exactly one sentinel.
func FuzzVerify(f *testing.F) {
	s, _ := newTestSigner(f)
	good, err := s.Issue("agent-7")
	if err != nil {
		f.Fatal(err)
	}
	for _, seed := range []string{good, "", "a.b.c", good + "x", strings.ToUpper(good)} {
		f.Add(seed)
	}
	sentinels := []error{ErrMalformed, ErrAlgorithm, ErrSignature, ErrExpired, ErrNotYetValid, ErrMissingSubject}
	f.Fuzz(func(t *testing.T, token string) {
		claims, err := s.Verify(token)
		if err == nil {
			if claims == nil || claims.Subject == "" {
				t.Errorf("Verify(%q) = %+v, nil, want claims with a subject", token, claims)
			}
			return
		}
		matched := 0
		for _, sentinel := range sentinels {
			if errors.Is(err, sentinel) {
				matched++
			}
		}
		if matched != 1 {
			t.Errorf("Verify(%q) error %v matches %d sentinels, want 1", token, err, matched)
		}
	})
}
