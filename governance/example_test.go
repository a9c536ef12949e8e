package governance_test

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/perfgate/perfgate/governance"
	"github.com/perfgate/perfgate/governance/security"
)

func Example() {
	ctx := context.Background()
	svc, err := governance.NewService(governance.Options{})
	if err != nil {
		panic(err)
	}
	if _, err := svc.RegisterAgent(ctx, "mailer", "Mail assistant"); err != nil {
		panic(err)
	}

	// A new agent is a student: it may read but not send email.
	for _, action := range []string{"read_inbox", "send_email"} {
		d, err := svc.Check(ctx, "mailer", action, false)
		if err != nil {
			panic(err)
		}
		fmt.Printf("%s: %s (%s)\n", action, d.Enforcement(), d.Reason)
	}

	// Four high-impact successes raise confidence from 0.5 to 0.7.
	for range 4 {
		if _, err := svc.RecordOutcome(ctx, "mailer", true, governance.ImpactHigh); err != nil {
			panic(err)
		}
	}
	d, err := svc.Check(ctx, "mailer", "send_email", false)
	if err != nil {
		panic(err)
	}
	fmt.Printf("send_email: %s (%s)\n", d.Enforcement(), d.Reason)

	// Output:
	// read_inbox: approved (allowed: a student agent may perform complexity 1 actions)
	// send_email: blocked (agent lacks maturity: complexity 3 actions require supervised, agent is student)
	// send_email: pending_approval (allowed: a supervised agent may perform complexity 3 actions)
}

func ExampleService_CheckToken() {
	ctx := context.Background()
	// Tests and examples inject the environment instead of reading it.
	lookup := func(name string) (string, bool) {
		env := map[string]string{"ENVIRONMENT": "production", "SECRET_KEY": "example-key-example-key-example-key"}
		v, ok := env[name]
		return v, ok
	}
	cfg, err := security.LoadConfig(lookup, nil)
	if err != nil {
		panic(err)
	}
	now := func() time.Time { return time.Date(2026, 5, 1, 12, 0, 0, 0, time.UTC) }
	signer, err := security.NewSignerFromConfig(cfg, now)
	if err != nil {
		panic(err)
	}

	svc, err := governance.NewService(governance.Options{Tokens: signer})
	if err != nil {
		panic(err)
	}
	if _, err := svc.RegisterAgent(ctx, "reader", "Report reader"); err != nil {
		panic(err)
	}
	token, err := signer.Issue("reader")
	if err != nil {
		panic(err)
	}

	d, err := svc.CheckToken(ctx, token, "summarize", false)
	fmt.Println(d.Allowed, err)

	_, err = svc.CheckToken(ctx, token+"x", "summarize", false)
	fmt.Println(errors.Is(err, security.ErrSignature))

	// Output:
	// true <nil>
	// true
}
