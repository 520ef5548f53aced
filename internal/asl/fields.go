package asl

// fieldSet lists the fields a state type accepts: in both query languages,
// only in JSONPath, only in JSONata.
type fieldSet struct {
	both, jsonPath, jsonata []string
}

var stateFields = map[string]fieldSet{
	TypePass: {
		both:     []string{"Next", "End", "Assign"},
		jsonPath: []string{"InputPath", "OutputPath", "Parameters", "Result", "ResultPath"},
		jsonata:  []string{"Output"},
	},
	TypeTask: {
		both:     []string{"Next", "End", "Assign", "Resource", "TimeoutSeconds", "HeartbeatSeconds", "Retry", "Catch", "Credentials"},
		jsonPath: []string{"InputPath", "OutputPath", "Parameters", "ResultSelector", "ResultPath", "TimeoutSecondsPath", "HeartbeatSecondsPath"},
		jsonata:  []string{"Arguments", "Output"},
	},
	TypeChoice: {
		both:     []string{"Choices", "Default", "Assign"},
		jsonPath: []string{"InputPath", "OutputPath"},
		jsonata:  []string{"Output"},
	},
	TypeWait: {
		both:     []string{"Next", "End", "Assign", "Seconds", "Timestamp"},
		jsonPath: []string{"InputPath", "OutputPath", "SecondsPath", "TimestampPath"},
		jsonata:  []string{"Output"},
	},
	TypeSucceed: {
		jsonPath: []string{"InputPath", "OutputPath"},
		jsonata:  []string{"Output"},
	},
	TypeFail: {
		both:     []string{"Error", "Cause"},
		jsonPath: []string{"ErrorPath", "CausePath"},
	},
	TypeParallel: {
		both:     []string{"Next", "End", "Assign", "Branches", "Retry", "Catch"},
		jsonPath: []string{"InputPath", "OutputPath", "Parameters", "ResultSelector", "ResultPath"},
		jsonata:  []string{"Arguments", "Output"},
	},
	TypeMap: {
		both: []string{"Next", "End", "Assign", "Iterator", "ItemProcessor", "ItemReader", "ItemBatcher",
			"ResultWriter", "MaxConcurrency", "ToleratedFailurePercentage", "ToleratedFailureCount",
			"Label", "Retry", "Catch", "ItemSelector"},
		jsonPath: []string{"InputPath", "OutputPath", "ItemsPath", "Parameters", "ResultSelector", "ResultPath",
			"MaxConcurrencyPath", "ToleratedFailurePercentagePath", "ToleratedFailureCountPath"},
		jsonata: []string{"Items", "Output"},
	},
}

// fieldLanguage reports whether typ accepts field at all, and if so whether
// only one language allows it ("" when both do).
func fieldLanguage(typ, field string) (known bool, only QueryLanguage) {
	fs := stateFields[typ]
	switch {
	case contains(fs.both, field):
		return true, ""
	case contains(fs.jsonPath, field):
		return true, JSONPath
	case contains(fs.jsonata, field):
		return true, JSONata
	}
	return false, ""
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
