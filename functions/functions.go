// Package functions lists the Lambda functions of a deployment. Each
// functions/<name>/main.go only wires internal/ packages to aws-lambda-go;
// `make functions` builds each into dist/<name>/bootstrap (provided.al2023,
// arm64), which is where infra/ takes their code from.
package functions

// Names are the Lambda functions, each a folder functions/<name> built into
// dist/<name>/bootstrap.
var Names = []string{"webhook", "enforcer", "runner", "recorder", "api", "sensor", "authorizer"}

// Bootstrap returns the path of function name's binary relative to the
// module root.
func Bootstrap(name string) string { return "dist/" + name + "/bootstrap" }
