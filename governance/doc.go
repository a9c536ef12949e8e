// Package governance decides which actions automated agents may perform,
// based on how much their track record has earned them. It is the code that
// perfgate's own benchmarks measure, and it is written as a library that a
// backend would use: the rules below are the reference.
//
// # Agents and maturity
//
// An Agent has an id, a name, a Status and a confidence score in [0, 1]. A
// new agent is a student with confidence 0.5. The maturity levels follow
// from confidence, each lower bound inclusive:
//
//	student     confidence < 0.5
//	intern      0.5 <= confidence < 0.7
//	supervised  0.7 <= confidence < 0.9
//	autonomous  0.9 <= confidence
//
// A new agent stays a student until its first outcome or a resume
// recomputes its level, although 0.5 is the intern threshold.
//
// Paused and stopped are not levels: every check of such an agent is denied
// with a reason naming the status and requires approval. A paused agent can
// be resumed, which recomputes its level from confidence. A stopped agent can
// only be deleted. A deleted agent, whether removed from the store or stored
// with status "deleted", is not found. Statuses read from a store are matched
// ignoring case, so "AUTONOMOUS" is autonomous.
//
// # Actions and complexity
//
// Every action has a complexity from 1 to 4, and complexity N needs at least
// the level of rank N: 1 student, 2 intern, 3 supervised, 4 autonomous. The
// default table (see DefaultActions) can be replaced with Options.Actions or
// Service.SetActions. Action names are matched ignoring case:
//
//   - an exact match wins, so device_get_location is 2 although it
//     contains "get";
//   - otherwise the result is the highest complexity among the table keys
//     that the action name contains, so delete_file and
//     bulk_update_and_execute are 4;
//   - an action that contains no key is 2.
//
// # Checks
//
// Service.Check returns a Decision: whether the action is allowed, a reason,
// the agent's status and confidence, the action's complexity and required
// level, and whether a human must approve. The reason of a maturity denial
// states that the agent lacks maturity and names the required level.
// Approval is required when:
//
//   - the action is denied;
//   - a supervised agent performs a complexity 3 or 4 action;
//   - the caller requests it.
//
// An autonomous agent needs no approval unless the caller requests it. An
// unknown agent is denied with reason "agent not found" and requires
// approval. A store error is returned as an error from the check, never as
// a plain allow or deny. Decision.Enforcement maps a decision to blocked
// (denied), pending approval (allowed after approval) or approved.
// Service.Capabilities lists the highest complexity an agent may perform and
// the table's actions it may and may not perform.
//
// Service.CheckToken starts from a signed agent token: it verifies the token
// with Options.Tokens, such as a security.Signer, and checks the agent that
// the token names.
//
// # Confidence
//
// Service.RecordOutcome moves confidence by +0.05 or -0.10 for a high-impact
// success or failure and by +0.01 or -0.02 for a low-impact one. The result
// is clamped to [0, 1] and rounded to six decimal places, so repeated steps
// land exactly on the thresholds. The level is recomputed after every change,
// except for a paused or stopped agent.
//
// # Cache
//
// Decisions for known agents are cached by agent id and lower-cased action,
// without the caller's approval request, in a Cache of bounded size (default
// 1000) with CLOCK eviction, an approximation of least-recently-used order
// that lets a hit take no lock, and a TTL (default 60s) on an injectable
// clock. Without one, the TTL is measured on a coarse monotonic
// clock that advances every 2ms, so a hit does not read the system clock.
// Every change that can change a decision invalidates the
// agent's entries before it returns: a level change, pause, resume, stop,
// delete, and (for all agents) SetActions. A check that read the store
// before such a change does not put its result into the cache, so no caller
// sees a decision older than the last change that has returned. A change of
// confidence that keeps the level keeps the cached decisions, whose
// Confidence field can then lag by up to the TTL.
//
// # Storage
//
// Agents live behind the Store interface. MemoryStore is the default and
// SQLiteStore keeps agents in an SQLite file through the pure-Go
// modernc.org/sqlite driver, creating the schema on first open. A Service
// serializes its own changes to each agent; two Services or processes
// writing the same store can lose each other's outcome updates.
package governance
