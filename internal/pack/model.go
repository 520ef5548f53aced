package pack

import "github.com/stormless/stormless/internal/schema"

// Pos is a position in a pack file: the path as given to the loader, and a
// 1-based line and column (0 when unknown).
type Pos struct {
	File string `json:"file"`
	Line int    `json:"line,omitempty"`
	Col  int    `json:"col,omitempty"`
}

// Pack is one loaded pack: its metadata and every resource it defines.
type Pack struct {
	Ref               string         `json:"ref"`
	Name              string         `json:"name"`
	Description       string         `json:"description,omitempty"`
	Version           string         `json:"version,omitempty"`
	Author            string         `json:"author,omitempty"`
	Email             string         `json:"email,omitempty"`
	Keywords          []string       `json:"keywords,omitempty"`
	Dependencies      []string       `json:"dependencies,omitempty"`
	StackStormVersion string         `json:"stackstorm_version,omitempty"`
	PythonVersions    []string       `json:"python_versions,omitempty"`
	System            map[string]any `json:"system,omitempty"`
	Contributors      []string       `json:"contributors,omitempty"`

	// Dir is the pack's directory on disk.
	Dir string `json:"-"`
	// ConfigSchema is config.schema.yaml (property name -> JSON Schema), nil
	// when the pack has none.
	ConfigSchema map[string]*Param `json:"config_schema,omitempty"`

	Actions      []*Action      `json:"actions,omitempty"`
	Rules        []*Rule        `json:"rules,omitempty"`
	Sensors      []*Sensor      `json:"sensors,omitempty"`
	TriggerTypes []*TriggerType `json:"trigger_types,omitempty"`
	Policies     []*Policy      `json:"policies,omitempty"`
	Aliases      []*Alias       `json:"aliases,omitempty"`
	// Workflows are the workflow definitions under actions/workflows/ and
	// those named by workflow actions' entry points, by path.
	Workflows []*Workflow `json:"-"`

	Pos Pos `json:"-"`
}

// Param is one parameter: a JSON Schema (draft 4) object plus StackStorm's
// extensions. Schema holds the whole object as decoded, including keywords
// not lifted into fields.
type Param struct {
	Name        string         `json:"-"`
	Type        any            `json:"type,omitempty"` // string or list of strings
	Description string         `json:"description,omitempty"`
	Default     any            `json:"default,omitempty"`
	HasDefault  bool           `json:"-"`
	Required    bool           `json:"required,omitempty"`
	Secret      bool           `json:"secret,omitempty"`
	Immutable   bool           `json:"immutable,omitempty"`
	Position    *int           `json:"position,omitempty"`
	Enum        []any          `json:"enum,omitempty"`
	Schema      map[string]any `json:"-"`
	Pos         Pos            `json:"-"`
}

// Action is an action's metadata (actions/*.yaml) with its runner's
// parameters already merged in.
type Action struct {
	Ref         string `json:"ref"`
	Pack        string `json:"pack"`
	Name        string `json:"name"`
	Description string `json:"description,omitempty"`
	Enabled     bool   `json:"enabled"`
	RunnerType  string `json:"runner_type"`
	EntryPoint  string `json:"entry_point,omitempty"`
	// EntryPath is the entry point resolved against the pack's actions/
	// directory; empty when the action has no entry point.
	EntryPath  string            `json:"-"`
	Parameters map[string]*Param `json:"parameters,omitempty"`
	// Workflow is the parsed entry point of an orquesta or action-chain
	// action; nil for other runners or when the file is missing.
	Workflow     *Workflow        `json:"-"`
	Notify       map[string]any   `json:"notify,omitempty"`
	Tags         []map[string]any `json:"tags,omitempty"`
	OutputSchema map[string]any   `json:"output_schema,omitempty"`
	Pos          Pos              `json:"-"`
}

// Rule is a rule (rules/*.yaml): a trigger, criteria over the trigger
// instance, and the action to run.
type Rule struct {
	Ref         string      `json:"ref"`
	Pack        string      `json:"pack"`
	Name        string      `json:"name"`
	Description string      `json:"description,omitempty"`
	Enabled     bool        `json:"enabled"`
	Trigger     RuleTrigger `json:"trigger"`
	// Criteria in file order; a key may carry a "#suffix" to test one field
	// twice.
	Criteria []Criterion `json:"criteria,omitempty"`
	Action   RuleAction  `json:"action"`
	// Type is the rule type ({ref: standard|backstop, parameters}), nil
	// when not given (standard).
	Type    map[string]any   `json:"type,omitempty"`
	Context map[string]any   `json:"context,omitempty"`
	Tags    []map[string]any `json:"tags,omitempty"`
	Pos     Pos              `json:"-"`
}

// RuleTrigger is the trigger a rule listens to.
type RuleTrigger struct {
	Type       string         `json:"type"`
	Parameters map[string]any `json:"parameters,omitempty"`
	Pos        Pos            `json:"-"`
}

// Criterion is one rule criterion: the key (a path over "trigger"), the
// operator and its pattern as written.
type Criterion struct {
	Key     string `json:"key"`
	Type    string `json:"type"`
	Pattern any    `json:"pattern"`
	// Condition is the search operator's condition (any, all, any2any,
	// all2any), else empty.
	Condition string `json:"condition,omitempty"`
	Pos       Pos    `json:"-"`
}

// RuleAction is the action a rule fires, with parameters still to render.
type RuleAction struct {
	Ref        string         `json:"ref"`
	Parameters map[string]any `json:"parameters,omitempty"`
	Pos        Pos            `json:"-"`

	paramPos map[string]Pos // where each parameter is written
}

// TriggerType is a trigger type: built in, or declared by a sensor.
type TriggerType struct {
	Ref              string         `json:"ref"`
	Pack             string         `json:"pack"`
	Name             string         `json:"name"`
	Description      string         `json:"description,omitempty"`
	ParametersSchema map[string]any `json:"parameters_schema,omitempty"`
	PayloadSchema    map[string]any `json:"payload_schema,omitempty"`
	// Builtin is true for the trigger types Stormless provides itself.
	Builtin bool `json:"builtin,omitempty"`
	Pos     Pos  `json:"-"`

	params *schema.Schema // compiled ParametersSchema; nil when none or invalid
}

// Workflow is a workflow definition file (Orquesta or action-chain) as
// parsed YAML; internal/workflow compiles it.
type Workflow struct {
	// Path is the file's path as loaded; Rel is relative to actions/.
	Path string         `json:"path"`
	Rel  string         `json:"rel"`
	Def  map[string]any `json:"definition,omitempty"`
}

// Sensor is a sensor's metadata (sensors/*.yaml).
type Sensor struct {
	Ref          string   `json:"ref"`
	Pack         string   `json:"pack"`
	Name         string   `json:"name"`
	ClassName    string   `json:"class_name,omitempty"`
	Description  string   `json:"description,omitempty"`
	EntryPoint   string   `json:"entry_point,omitempty"`
	EntryPath    string   `json:"-"`
	PollInterval int      `json:"poll_interval,omitempty"`
	Enabled      bool     `json:"enabled"`
	TriggerTypes []string `json:"trigger_types,omitempty"` // refs
	Pos          Pos      `json:"-"`
}

// Policy is an action policy (policies/*.yaml), e.g. action.concurrency.
type Policy struct {
	Ref         string         `json:"ref"`
	Pack        string         `json:"pack"`
	Name        string         `json:"name"`
	Description string         `json:"description,omitempty"`
	Enabled     bool           `json:"enabled"`
	ResourceRef string         `json:"resource_ref"`
	PolicyType  string         `json:"policy_type"`
	Parameters  map[string]any `json:"parameters,omitempty"`
	Pos         Pos            `json:"-"`
}

// Alias is an action alias (aliases/*.yaml) for ChatOps.
type Alias struct {
	Ref         string         `json:"ref"`
	Pack        string         `json:"pack"`
	Name        string         `json:"name"`
	Description string         `json:"description,omitempty"`
	Enabled     bool           `json:"enabled"`
	ActionRef   string         `json:"action_ref"`
	Formats     []any          `json:"formats,omitempty"`
	Ack         map[string]any `json:"ack,omitempty"`
	Result      map[string]any `json:"result,omitempty"`
	Pos         Pos            `json:"-"`
}
