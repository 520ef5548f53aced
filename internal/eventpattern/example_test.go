package eventpattern_test

import (
	"errors"
	"fmt"

	"github.com/stormless/stormless/internal/eventpattern"
)

func ExamplePattern_Match() {
	p, err := eventpattern.Parse([]byte(`{"source":["aws.ec2"],"detail":{"state":[{"anything-but":"pending"}]}}`))
	if err != nil {
		fmt.Println(err)
		return
	}
	ok, err := p.Match([]byte(`{"source":"aws.ec2","detail":{"state":"running"}}`))
	fmt.Println(ok, err)
	// Output: true <nil>
}

func ExampleParse_invalid() {
	_, err := eventpattern.Parse([]byte(`{"detail":{"n":[{"numeric":[">",5,"<",1]}]}}`))
	var perr *eventpattern.Error
	if errors.As(err, &perr) {
		fmt.Println(perr.Path)
		fmt.Println(perr.Msg)
	}
	// Output:
	// $.detail.n[0].numeric
	// the lower bound must be less than the upper bound
}

func ExampleMatcher() {
	m, err := eventpattern.NewMatcher()
	if err != nil {
		fmt.Println(err)
		return
	}
	for id, pattern := range map[string]string{
		"ec2-running": `{"source":["aws.ec2"],"detail":{"state":["running"]}}`,
		"any-ec2":     `{"source":[{"prefix":"aws.ec"}]}`,
		"s3":          `{"source":["aws.s3"]}`,
	} {
		p, err := eventpattern.Parse([]byte(pattern))
		if err != nil {
			fmt.Println(err)
			return
		}
		if err := m.Add(id, p); err != nil {
			fmt.Println(err)
			return
		}
	}
	ids, err := m.Match([]byte(`{"source":"aws.ec2","detail":{"state":"running"}}`))
	fmt.Println(ids, err)
	// Output: [any-ec2 ec2-running] <nil>
}
