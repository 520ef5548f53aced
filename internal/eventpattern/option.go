package eventpattern

import "fmt"

// DefaultMaxPatternSize is EventBridge's limit on the length of an event
// pattern, in characters.
const DefaultMaxPatternSize = 2048

// maxCombinations bounds how many alternatives a pattern's $or operators
// (and leaves mixing exists:false with other values) may expand to.
const maxCombinations = 1024

// Option configures Parse and NewMatcher.
type Option func(*config) error

type config struct {
	maxSize int
}

func newConfig(opts []Option) (config, error) {
	c := config{maxSize: DefaultMaxPatternSize}
	for _, o := range opts {
		if err := o(&c); err != nil {
			return c, err
		}
	}
	return c, nil
}

// WithMaxPatternSize sets the largest pattern, in characters, that Parse
// accepts (default DefaultMaxPatternSize). n must be positive.
func WithMaxPatternSize(n int) Option {
	return func(c *config) error {
		if n <= 0 {
			return fmt.Errorf("setting max pattern size: %d is not positive", n)
		}
		c.maxSize = n
		return nil
	}
}
