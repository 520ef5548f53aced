package intrinsic

// functions maps each intrinsic function's name to its arity and
// implementation.
var functions map[string]*function

func init() {
	functions = map[string]*function{
		"States.Format":         {minArgs: 1, maxArgs: -1, eval: format},
		"States.StringToJson":   {minArgs: 1, maxArgs: 1, eval: stringToJSON},
		"States.JsonToString":   {minArgs: 1, maxArgs: 1, eval: jsonToString},
		"States.Array":          {minArgs: 0, maxArgs: -1, eval: array},
		"States.ArrayPartition": {minArgs: 2, maxArgs: 2, eval: arrayPartition},
		"States.ArrayContains":  {minArgs: 2, maxArgs: 2, eval: arrayContains},
		"States.ArrayRange":     {minArgs: 3, maxArgs: 3, eval: arrayRange},
		"States.ArrayGetItem":   {minArgs: 2, maxArgs: 2, eval: arrayGetItem},
		"States.ArrayLength":    {minArgs: 1, maxArgs: 1, eval: arrayLength},
		"States.ArrayUnique":    {minArgs: 1, maxArgs: 1, eval: arrayUnique},
		"States.Base64Encode":   {minArgs: 1, maxArgs: 1, eval: base64Encode},
		"States.Base64Decode":   {minArgs: 1, maxArgs: 1, eval: base64Decode},
		"States.Hash":           {minArgs: 2, maxArgs: 2, eval: hashFn},
		"States.JsonMerge":      {minArgs: 3, maxArgs: 3, eval: jsonMerge},
		"States.MathRandom":     {minArgs: 2, maxArgs: 3, eval: mathRandom},
		"States.MathAdd":        {minArgs: 2, maxArgs: 2, eval: mathAdd},
		"States.StringSplit":    {minArgs: 2, maxArgs: 2, eval: stringSplit},
		"States.UUID":           {minArgs: 0, maxArgs: 0, eval: uuid},
	}
}
