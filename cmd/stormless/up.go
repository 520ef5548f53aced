package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/signal"
	"path/filepath"
	"runtime/debug"
	"syscall"
	"time"

	"github.com/spf13/cobra"
	"github.com/stormless/stormless/internal/api"
	"github.com/stormless/stormless/internal/apikey"
	"github.com/stormless/stormless/internal/apikey/sqlitekeys"
	"github.com/stormless/stormless/internal/datastore/secretkey"
	"github.com/stormless/stormless/internal/datastore/sqlitekv"
	"github.com/stormless/stormless/internal/execution"
	"github.com/stormless/stormless/internal/local"
	"github.com/stormless/stormless/internal/pack"
	"github.com/stormless/stormless/web"
)

// Defaults of stormless up.
const (
	defaultListen  = "127.0.0.1:9101"
	defaultDataDir = ".stormless"
	// shutdownGrace bounds how long in-flight work may run after a signal;
	// what is still running then is abandoned and resumed or marked on the
	// next start.
	shutdownGrace = 30 * time.Second
)

// upConfig is what stormless up serves.
type upConfig struct {
	set *pack.Set
	// packDirs are where the packs were loaded from, for packs reload.
	packDirs []string
	dataDir  string
	listen   string
	// exposed is set when listen is reachable from other machines; noAuth
	// when --no-auth serves without keys anyway.
	exposed bool
	noAuth  bool
	// retention purges records older than it (0 keeps everything).
	retention time.Duration
	// grace bounds how long running actions may finish after a signal
	// (0: shutdownGrace).
	grace time.Duration
}

func newUpCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "up",
		Short: "Run the local runtime: packs, rules, actions and the REST API",
		Long: `Up loads and compiles the packs (refusing to start when they have problems,
listing each with its file and line), opens the audit trail and datastore in
the data directory, starts the engine and serves the REST API (/api/v1) and
webhooks (/api/v1/webhooks/URL) until SIGINT or SIGTERM, then stops accepting
requests and lets in-flight work finish.`,
		Example: `  stormless up
  stormless up --packs packs --packs ../my-packs --listen 127.0.0.1:9101`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			cfg, err := readUpConfig(cmd)
			if err != nil {
				return err
			}
			if err := setGCPercent(cmd); err != nil {
				return err
			}
			ctx, stop := signal.NotifyContext(cmd.Context(), os.Interrupt, syscall.SIGTERM)
			defer stop()
			return serveUp(ctx, cmd.OutOrStdout(), cmd.ErrOrStderr(), cfg, nil)
		},
	}
	addPacksFlag(cmd)
	cmd.Flags().String("data-dir", defaultDataDir, "directory of the audit trail, journal and datastore")
	cmd.Flags().String("listen", defaultListen, "address the HTTP server listens on")
	cmd.Flags().Int("retention", 0, "purge executions, their output, trigger instances, enforcements, traces and answered inquiries older than DAYS, at start and hourly (0, the default, keeps everything, as StackStorm's garbage collector does unless configured)")
	cmd.Flags().Int("gogc", local.GCPercent, "garbage collector target percentage, as Go's GOGC (a GOGC environment variable wins unless this flag is given; -1 turns the collector off)")
	cmd.Flags().Duration("shutdown-grace", shutdownGrace, "on SIGINT/SIGTERM, how long running actions may finish; workflows start no new task and resume from there on the next start; actions still running after it are stopped and marked abandoned")
	cmd.Flags().Bool("no-auth", false, "serve without API keys even when some exist or --listen is not loopback (anyone who reaches it can run actions)")
	return cmd
}

// setGCPercent applies --gogc; without the flag, a GOGC environment
// variable (already applied by the runtime) is kept.
func setGCPercent(cmd *cobra.Command) error {
	if os.Getenv("GOGC") != "" && !cmd.Flags().Changed("gogc") {
		return nil
	}
	pct, err := cmd.Flags().GetInt("gogc")
	if err != nil {
		return fmt.Errorf("reading --gogc: %w", err)
	}
	if pct < -1 {
		return exitWith(2, fmt.Sprintf("--gogc %d: want a percentage (100 is Go's default) or -1 for off", pct))
	}
	debug.SetGCPercent(pct)
	return nil
}

// readUpConfig reads the flags and loads the packs, reporting every problem
// with its location.
func readUpConfig(cmd *cobra.Command) (upConfig, error) {
	var cfg upConfig
	var err error
	if cfg.dataDir, err = cmd.Flags().GetString("data-dir"); err != nil {
		return cfg, fmt.Errorf("reading --data-dir: %w", err)
	}
	if cfg.listen, err = cmd.Flags().GetString("listen"); err != nil {
		return cfg, fmt.Errorf("reading --listen: %w", err)
	}
	if cfg.noAuth, err = cmd.Flags().GetBool("no-auth"); err != nil {
		return cfg, fmt.Errorf("reading --no-auth: %w", err)
	}
	if cfg.grace, err = cmd.Flags().GetDuration("shutdown-grace"); err != nil {
		return cfg, fmt.Errorf("reading --shutdown-grace: %w", err)
	}
	if cfg.grace <= 0 {
		return cfg, exitWith(2, fmt.Sprintf("--shutdown-grace %v: give a positive duration, such as 30s or 2m", cfg.grace))
	}
	if cfg.retention, err = retentionFlag(cmd, "retention"); err != nil {
		return cfg, err
	}
	if cfg.packDirs, err = packDirsWithCore(cmd); err != nil {
		return cfg, err
	}
	if cfg.exposed, err = checkExposure(cfg.listen); err != nil {
		return cfg, err
	}
	set, err := pack.Load(cfg.packDirs...)
	if err := reportValidation(cmd, set, err); err != nil {
		return cfg, err
	}
	cfg.set = set
	return cfg, nil
}

// checkExposure reports whether listen is reachable from other machines
// (not loopback), where the API, which runs actions, requires API keys
// unless --no-auth says otherwise. It fails on a malformed address.
func checkExposure(listen string) (exposed bool, err error) {
	host, _, err := net.SplitHostPort(listen)
	if err != nil {
		return false, exitWith(2, fmt.Sprintf("--listen %q: %v", listen, err))
	}
	if host == "localhost" {
		return false, nil
	}
	ip := net.ParseIP(host)
	return ip == nil || !ip.IsLoopback(), nil
}

// serveUp runs the engine and the API until ctx is done, then shuts down:
// the server stops accepting, the engine finishes what it accepted. ready,
// when not nil, is called with the server's base URL once it accepts.
func serveUp(ctx context.Context, out, errOut io.Writer, cfg upConfig, ready func(url string)) error {
	if err := os.MkdirAll(cfg.dataDir, 0o700); err != nil {
		return fmt.Errorf("creating data directory: %w", err)
	}
	ln, err := net.Listen("tcp", cfg.listen)
	if err != nil {
		return fmt.Errorf("listening on %s: %w", cfg.listen, err)
	}
	defer ln.Close()
	url := "http://" + ln.Addr().String()
	rt, err := startRuntime(ctx, errOut, cfg, url)
	if err != nil {
		return err
	}
	fmt.Fprintf(out, "Stormless is up at %s (API %s/api/v1, AWS endpoints %s%s, data in %s); Ctrl-C stops it\n", url, url, url, awsPrefix, cfg.dataDir)
	fmt.Fprintln(out, rt.authNote)
	if ready != nil {
		ready(url)
	}
	return rt.serve(ctx, ln)
}

// upRuntime is the engine, its datastore and the HTTP server of stormless up.
type upRuntime struct {
	engine    *local.Engine
	kv        *sqlitekv.Store
	keys      *sqlitekeys.Store
	authNote  string
	srv       *http.Server
	cancelRun context.CancelFunc
	errOut    io.Writer
	sensors   *sensorHost
	grace     time.Duration
}

// startRuntime opens the datastore, creates and starts the engine and builds
// the server. Work the engine runs is bounded by its own context, not ctx,
// so that a signal lets it finish.
func startRuntime(ctx context.Context, errOut io.Writer, cfg upConfig, url string) (*upRuntime, error) {
	kv, err := openDatastore(ctx, cfg.dataDir)
	if err != nil {
		return nil, err
	}
	rt := &upRuntime{kv: kv, errOut: errOut, grace: cfg.grace}
	if rt.grace <= 0 {
		rt.grace = shutdownGrace
	}
	auth, err := rt.openAuth(ctx, cfg)
	if err != nil {
		return nil, errors.Join(err, kv.Close())
	}
	rt.engine, err = local.New(local.WithPackSet(cfg.set), local.WithPacks(cfg.packDirs...), local.WithDataDir(cfg.dataDir),
		local.WithDatastore(kv), local.WithAPIURL(url+"/api/v1"), local.WithRetention(cfg.retention),
		local.WithPurgeHandler(func(before time.Time, p execution.Purged) { reportPurged(errOut, before, p) }),
		local.WithErrorHandler(func(err error) { fmt.Fprintln(errOut, "stormless:", err) }))
	if err != nil {
		return nil, errors.Join(fmt.Errorf("creating engine: %w", err), kv.Close(), rt.keys.Close())
	}
	runCtx, cancel := context.WithCancel(context.WithoutCancel(ctx))
	rt.cancelRun = cancel
	if err := rt.engine.Start(runCtx); err != nil {
		return nil, errors.Join(fmt.Errorf("starting engine: %w", err), rt.close())
	}
	if err := rt.startSensors(runCtx); err != nil {
		return nil, errors.Join(fmt.Errorf("starting sensors: %w", err), rt.close())
	}
	h, err := api.New(apiEngine{rt.engine}, rt.engine.Store(), append(auth, api.WithDatastore(kv), api.WithNotifier(rt.engine.Notifier()),
		api.WithKeyManager(apikey.Manager{Store: rt.keys}), api.WithSensors(rt.sensors))...)
	if err != nil {
		return nil, errors.Join(fmt.Errorf("creating api: %w", err), rt.close())
	}
	root, err := rt.withAWS(ctx, web.Handler(h), cfg)
	if err != nil {
		return nil, errors.Join(err, rt.close())
	}
	rt.srv = &http.Server{Handler: root, ReadHeaderTimeout: 10 * time.Second}
	rt.srv.RegisterOnShutdown(h.CloseStreams)
	return rt, nil
}

// openAuth opens the API key store of the data directory and returns the
// option requiring keys when some exist or the address is exposed, unless
// --no-auth. On loopback without keys, the API is open until the first key
// is created: the key file is checked on each request while none exists
// (keyWatch), so a key created while up runs takes effect at once; from then on keys
// stay required until up restarts (deleting every key does not reopen it).
func (rt *upRuntime) openAuth(ctx context.Context, cfg upConfig) ([]api.Option, error) {
	keys, err := sqlitekeys.Open(ctx, filepath.Join(cfg.dataDir, apiKeysFile))
	if err != nil {
		return nil, fmt.Errorf("opening the API keys: %w", err)
	}
	rt.keys = keys
	list, err := keys.List(ctx)
	if err != nil {
		return nil, errors.Join(err, keys.Close())
	}
	switch {
	case cfg.noAuth:
		rt.authNote = "API keys: not required (--no-auth); anyone who reaches the server can run actions"
		return nil, nil
	case len(list) == 0 && !cfg.exposed:
		rt.authNote = "API keys: not required on loopback until one is created (stormless apikey create)"
		watch := newKeyWatch(keys, filepath.Join(cfg.dataDir, apiKeysFile))
		return []api.Option{api.WithAuthOnceKeysExist(keys, watch.exist)}, nil
	case len(list) == 0:
		rt.authNote = "API keys: required, and none exists yet: create one with stormless apikey create"
	default:
		rt.authNote = fmt.Sprintf("API keys: required (%d)", len(list))
	}
	return []api.Option{api.WithAuth(keys)}, nil
}

// openDatastore opens the key-value datastore in dir, secrets sealed with
// the key file beside it (created on first start).
func openDatastore(ctx context.Context, dir string) (*sqlitekv.Store, error) {
	key, err := secretkey.LoadOrCreate(filepath.Join(dir, "secret.key"))
	if err != nil {
		return nil, fmt.Errorf("loading the datastore key: %w", err)
	}
	kv, err := sqlitekv.Open(ctx, filepath.Join(dir, "datastore.db"), key)
	if err != nil {
		return nil, fmt.Errorf("opening the datastore: %w", err)
	}
	return kv, nil
}

// serve serves ln until ctx is done or the server fails, then shuts down.
func (rt *upRuntime) serve(ctx context.Context, ln net.Listener) error {
	failed := make(chan error, 1)
	go func() { failed <- rt.srv.Serve(ln) }()
	var serveErr error
	select {
	case <-ctx.Done():
	case serveErr = <-failed:
		serveErr = fmt.Errorf("serving HTTP: %w", serveErr)
	}
	return errors.Join(serveErr, rt.shutdown())
}

// shutdown stops accepting requests and waits for those in progress, then
// shuts the engine down gracefully (local.Engine.Shutdown): running actions
// finish within the grace period, workflows stop at their next task to
// resume from there on the next start, and what still runs when the grace
// ends is stopped and marked abandoned. Then it closes the stores.
func (rt *upRuntime) shutdown() error {
	fmt.Fprintf(rt.errOut, "stormless: shutting down: running actions have %v to finish, workflows stop before their next task\n", rt.grace)
	ctx, cancel := context.WithTimeout(context.Background(), rt.grace)
	defer cancel()
	err := rt.srv.Shutdown(ctx)
	if errors.Is(err, context.DeadlineExceeded) {
		err = rt.srv.Close()
	}
	rt.stopSensors()
	if engErr := rt.engine.Shutdown(ctx); errors.Is(engErr, context.DeadlineExceeded) {
		fmt.Fprintln(rt.errOut, "stormless:", engErr)
	} else if engErr != nil {
		err = errors.Join(err, engErr)
	}
	rt.cancelRun()
	return errors.Join(err, rt.kv.Close(), rt.keys.Close())
}

// close stops the sensors, closes the engine, then the datastore and the API keys.
func (rt *upRuntime) close() error {
	rt.stopSensors()
	err := rt.engine.Close()
	rt.cancelRun()
	return errors.Join(err, rt.kv.Close(), rt.keys.Close())
}

// apiEngine adapts *local.Engine to api.Engine.
type apiEngine struct{ *local.Engine }

var (
	_ api.Engine   = apiEngine{}
	_ api.Canceler = apiEngine{}
	_ api.Pauser   = apiEngine{}
	_ api.Reloader = apiEngine{}
)

// Submit runs ref on behalf of user.
func (e apiEngine) Submit(ctx context.Context, ref string, params map[string]any, user string) (string, error) {
	return e.Engine.Submit(ctx, ref, params, local.AsUser(user))
}
