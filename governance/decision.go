package governance

import "fmt"

// Decision is the outcome of a check of one action by one agent.
type Decision struct {
	// Allowed reports whether the agent may perform the action.
	Allowed bool
	// Reason explains the decision to a human.
	Reason string
	// Status is the agent's status at the time of the check, or "" when the
	// agent was not found.
	Status Status
	// Complexity is the action's complexity from 1 to 4.
	Complexity int
	// RequiredLevel is the lowest maturity level allowed to perform the action.
	RequiredLevel Status
	// RequiresApproval reports whether a human must approve the action
	// before it runs.
	RequiresApproval bool
	// Confidence is the agent's confidence at the time of the check.
	Confidence float64
}

// Reasons of decisions that do not depend on the agent's level.
const (
	ReasonAgentNotFound = "agent not found"
	ReasonPaused        = "agent is paused: every action is denied until it is resumed"
	ReasonStopped       = "agent is stopped: every action is denied"
)

// reasons holds the reason of every level × complexity pair, built once so
// that an uncached check does not format a string.
var reasons = buildReasons()

func buildReasons() (r [MaxComplexity + 1][MaxComplexity + 1]string) {
	for rank := 1; rank <= MaxComplexity; rank++ {
		level := RequiredLevel(rank)
		for complexity := MinComplexity; complexity <= MaxComplexity; complexity++ {
			required := RequiredLevel(complexity)
			if rank >= complexity {
				r[rank][complexity] = fmt.Sprintf("allowed: a %s agent may perform complexity %d actions", level, complexity)
			} else {
				r[rank][complexity] = fmt.Sprintf("agent lacks maturity: complexity %d actions require %s, agent is %s", complexity, required, level)
			}
		}
	}
	return r
}

// decide applies the rules to an agent whose status is already normalized
// and an action's complexity. It does not apply the caller's own approval
// request, which withCallerApproval adds, so the result can be cached.
//
// The rules: a paused or stopped agent is denied. A level may perform
// actions up to its rank (student 1, intern 2, supervised 3, autonomous 4).
// Approval is required when the action is denied, and when a supervised
// agent performs a complexity 3 or 4 action.
func decide(a Agent, complexity int) Decision {
	d := Decision{
		Status:        a.Status,
		Complexity:    complexity,
		RequiredLevel: RequiredLevel(complexity),
		Confidence:    a.Confidence,
	}
	switch a.Status {
	case StatusPaused:
		d.Reason = ReasonPaused
		d.RequiresApproval = true
		return d
	case StatusStopped:
		d.Reason = ReasonStopped
		d.RequiresApproval = true
		return d
	}

	rank := levelRank(a.Status)
	c := min(max(complexity, MinComplexity), MaxComplexity)
	d.Reason = reasons[rank][c]
	d.Allowed = rank >= c
	d.RequiresApproval = !d.Allowed || (a.Status == StatusSupervised && c >= 3)
	return d
}

// notFoundDecision is the denial for an unknown or deleted agent.
func notFoundDecision(complexity int) Decision {
	return Decision{
		Reason:           ReasonAgentNotFound,
		Complexity:       complexity,
		RequiredLevel:    RequiredLevel(complexity),
		RequiresApproval: true,
	}
}

// withCallerApproval returns d marked as requiring approval when the caller
// asks for it. d is a copy, so a cached decision stays unchanged.
func withCallerApproval(d Decision, requireApproval bool) Decision {
	if requireApproval {
		d.RequiresApproval = true
	}
	return d
}

// Enforcement is the action a caller takes on a decision.
type Enforcement int

// Enforcements, from the most to the least restrictive.
const (
	// EnforcementBlocked means the action was denied. It must not run
	// without a human's approval.
	EnforcementBlocked Enforcement = iota
	// EnforcementPendingApproval means the action is allowed once a human
	// approves it.
	EnforcementPendingApproval
	// EnforcementApproved means the action may run now.
	EnforcementApproved
)

// String returns "blocked", "pending_approval" or "approved".
func (e Enforcement) String() string {
	switch e {
	case EnforcementBlocked:
		return "blocked"
	case EnforcementPendingApproval:
		return "pending_approval"
	case EnforcementApproved:
		return "approved"
	}
	return fmt.Sprintf("Enforcement(%d)", int(e))
}

// Enforcement maps d to blocked when it is denied, to pending approval when
// it is allowed but requires approval, and to approved otherwise.
func (d Decision) Enforcement() Enforcement {
	switch {
	case !d.Allowed:
		return EnforcementBlocked
	case d.RequiresApproval:
		return EnforcementPendingApproval
	}
	return EnforcementApproved
}
