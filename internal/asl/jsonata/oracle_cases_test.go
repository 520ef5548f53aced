package jsonata

// oracleInput is the document most oracle cases run against.
var oracleInput = map[string]any{
	"name": "Ada", "age": 36.0, "tags": []any{"a", "b", "a"}, "empty": []any{}, "nothing": nil,
	"orders": []any{
		map[string]any{"id": 1.0, "price": 10.0, "qty": 3.0, "items": []any{map[string]any{"sku": "x"}}},
		map[string]any{"id": 2.0, "price": 0.5, "qty": 10.0, "items": []any{map[string]any{"sku": "y"}, map[string]any{"sku": "z"}}},
	},
	"nested": map[string]any{"a": map[string]any{"b": map[string]any{"c": 1.0}}},
	"text":   "Hello, World",
}

// oracleCases cover the JSONata 2.x language and library.
var oracleCases = func() []oracleCase {
	exprs := []string{
		// paths, predicates, sequences
		`name`, `orders.price`, `orders[0].id`, `orders[-1].id`, `orders[price > 1].id`, `orders.items.sku`,
		`orders.items[0].sku`, `(orders.items)[0].sku`, `nested.a.b.c`, `nested.**.c`, `orders.*`, `*.c`,
		`missing`, `missing.deeper`, `nothing`, `empty`, `tags[0]`, `tags[[0..1]]`, `orders#$i.id`, `orders@$o.$o.id`,
		`orders^(>price).id`, `orders^(qty).id`, `orders{$string(id): price}`, `orders.{'id': id, 'total': price*qty}`,
		`[orders.id]`, `orders.[id]`, `$count(orders)`, `orders[0]`, `orders[id=2].items.sku`, `orders.items.sku[1]`,
		// operators
		`1 + 2 * 3`, `10 / 4`, `7 % 3`, `-age`, `'a' & 'b' & 1`, `age > 30 and name = 'Ada'`, `age < 30 or false`,
		`'b' in tags`, `1..5`, `[1..3, 7]`, `age ? 'yes' : 'no'`, `nothing ? 'yes' : 'no'`, `missing ? 1 : 2`,
		`name = 'Ada' ? 'hi'`, `1 = 1.0`, `'1' = 1`, `[1,2] = [1,2]`, `{'a':1} = {'a':1}`, `null = null`,
		`1 / 0`, `'a' < 'b'`, `age ?: 5`, `missing ?? 'default'`, `missing ?: 'dflt'`,
		// variables, functions, lambdas
		`($x := 5; $x * 2)`, `($f := function($a, $b){ $a + $b }; $f(1, 2))`, `$map([1,2,3], function($v, $i){ $v * $i })`,
		`$filter([1,2,3,4], function($v){ $v % 2 = 0 })`, `$reduce([1,2,3], function($a, $b){ $a + $b }, 10)`,
		`$sift({'a': 1, 'b': 2}, function($v){ $v > 1 })`, `$each({'a': 1}, function($v, $k){ $k & $v })`,
		`(orders ~> $map(function($o){ $o.id }))`, `$sum(orders.(price * qty))`, `($f := $uppercase ~> $trim; $f(' a '))`,
		`$single([1,2,3], function($v){ $v = 2 })`, `($p := $substring(?, 1); $p('hello'))`,
		`orders ~> |$|{'flag': true}|`, `orders ~> |$|{}, ['items']|`,
		// string functions
		`$string(1.5)`, `$string(1e21)`, `$string([1, 'a', {'b': null}])`, `$string(1/3)`, `$length('héllo')`,
		`$substring('hello', -3, 2)`, `$substringBefore(text, ',')`, `$substringAfter(text, ', ')`, `$uppercase(name)`,
		`$lowercase(name)`, `$trim('  a   b  ')`, `$pad('x', -3, '#')`, `$contains(text, /wor/i)`, `$split(text, ', ')`,
		`$split('a1b2c', /[0-9]/)`, `$join(tags, '-')`, `$match('ab12cd34', /[0-9]+/)`, `$replace(text, 'World', 'You')`,
		`$replace('abc', /(b)/, '[$1]')`, `$base64encode('héllo')`, `$base64decode('aMOpbGxv')`, `$encodeUrlComponent('a b&c')`,
		`$encodeUrl('http://x/a b')`, `$decodeUrlComponent('a%20b')`, `$formatNumber(1234.5678, '#,##0.00')`,
		`$formatBase(255, 16)`, `$formatInteger(42, 'w')`, `$parseInteger('forty-two', 'w')`, `$eval('1 + 1')`,
		// numeric functions
		`$number('0x1F')`, `$number('1e3')`, `$abs(-2.5)`, `$floor(-2.5)`, `$ceil(2.1)`, `$round(2.5)`, `$round(3.5)`,
		`$round(1.2345, 2)`, `$power(2, 10)`, `$sqrt(16)`, `$max([1, 9, 3])`, `$min([])`, `$average([1, 2])`,
		// array & object functions
		`$count([])`, `$append([1], 2)`, `$append(missing, [1])`, `$reverse([1,2,3])`, `$sort([3,1,2])`,
		`$sort(orders, function($l, $r){ $l.price > $r.price }).id`, `$zip([1,2],[3,4],[5])`, `$distinct(tags)`,
		`$shuffle([1]) `, `$keys(nested)`, `$keys(orders)`, `$keys(orders[0])`, `$spread(orders[0])`, `$spread([{'b': 1, 'a': 2}, 3])`, `$keys([])`, `$lookup(orders, 'id')`, `$spread({'a': 1, 'b': 2})`,
		`$merge([{'a': 1}, {'a': 2, 'b': 3}])`, `$type(nothing)`, `$type(orders)`, `$type($map)`, `$boolean('')`,
		`$boolean([0])`, `$not(missing)`, `$exists(nothing)`, `$exists(missing)`, `$assert(true, 'x')`, `$error('boom')`,
		// dates
		`$fromMillis(0)`, `$toMillis('1970-01-01T00:00:01Z')`, `$fromMillis(1700000000000, '[Y0001]-[M01]-[D01]')`,
		`$toMillis('2024-02-29', '[Y0001]-[M01]-[D01]')`, `$type($now())`, `$type($millis())`,
		// misc syntax
		`/* comment */ 1`, `"double quoted"`, "`name`", `{'a': missing}`, `[missing, 1]`, `$states.input.x`,
		`($a := [1,2]; $a[1])`, `[1,2,3][$ > 1]`, `{'k': [1]}.k`, `'Hello Mr.' & name & '!'`, `$string(0.1 + 0.2)`,
		`9007199254740993`, `1e400`, `$string(-0)`,
		// null and empty arrays, which the library reads specially
		`{'e': empty}`, `[empty]`, `$count(empty)`, `empty[0]`, `$append(empty, 1)`, `{'n': nothing}`, `[nothing]`,
		`$type(nothing)`, `$exists(nothing)`, `nothing = null`, `$string(nothing)`, `orders[0].{'e': [], 'n': null}`,
		`$string({'url': 'a?b=1&c=<2>'})`, `$string([1.5, 'x', null, true])`, `$string(1e21)`, `$string(1e-7)`, `$string(123456789012345678)`,
		`$string({'a': [1, {'b': 2}]}, true)`, `$string()`, `$string(missing)`, `$string(0.1 + 0.2)`, `$string(-1.5)`, `'a' & 0.1`, `'a' & (0.1 + 0.2)`, `'x' & {'u': '&'}`,
		// undefined versus null in the functions the workflow translator emits
		`$lookup(nested, 'z')`, `$exists($lookup(nested, 'z'))`, `$exists($lookup(nested.a, 'b'))`, `$lookup(nested.a, 'b')`,
		`$lookup({'n': null}, 'n')`, `$exists($lookup({'n': null}, 'n'))`, `$lookup(missing, 'a')`, `$lookup({}, 'a')`,
		`$lookup(orders, 'zz')`, `$lookup([{'a': 1}, {'b': 2}], 'a')`, `$lookup([{'a': 1}, {'a': 2}], 'a')`, `$lookup(nothing, 'a')`,
		`($g := $lookup(nested, 'z'); $exists($g) ? $g : 'dflt')`, `$lookup({'a': [1, 2]}, 'a')`, `$lookup({'a': []}, 'a')`, `$lookup([{'a': [1]}], 'a')`, `$lookup([{'a': [1, [2]]}, {'a': 3}], 'a')`, `orders ~> $lookup('id')`, `nested.$lookup('a').b.c`, `$lookup([{'a': null}, {'b': 1}], 'a')`, `$lookup(nested, 1)`, `$lookup(nested.a, 'b').c`,
		`$keys({})`, `$keys(missing)`, `$keys({'a': 1})`, `$keys(nothing)`, `$keys('str')`,
		`$each({}, function($v){ $v })`, `$each({'a': 1}, function($v){ $v })`, `$each({'a': null}, function($v){ $v })`, `$each(missing, function($v){ $v })`,
		`$spread({})`, `$spread(missing)`, `$spread(nothing)`, `$spread({'a': 1})`,
		`$merge([])`, `$merge(missing)`, `$merge({'a': 1})`, `$merge([{'a': 1}, missing])`,
		`$map([1, null], function($v){ $v = null })`, `$map([1, null], function($v){ $type($v) = 'null' })`,
		`$sift({'a': 1}, function($v){ $v > 5 })`, `$sift(missing, function($v){ true })`, `$sift({'a': null}, function($v){ true })`,
		`$states.input.x = 1`, `$count($states.input)`, `$merge([{'a': null}, {'b': []}])`,
	}
	out := make([]oracleCase, len(exprs))
	for i, e := range exprs {
		out[i] = oracleCase{Expr: e, Input: oracleInput, Vars: map[string]any{"states": map[string]any{"input": map[string]any{"x": 1.0}}}}
	}
	return out
}()
