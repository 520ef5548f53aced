package dynamostore

// TableDesign describes the one DynamoDB table the store uses: what the
// CDK app declares (infra/) and what CreateTable makes for tests and
// local tools. Every key attribute is a string (S); billing is on demand.
type TableDesign struct {
	// PartitionKey and SortKey are the table's primary key attributes.
	PartitionKey, SortKey string
	// GSIs are the global secondary indexes, one per list query; each
	// projects all attributes.
	GSIs []GSI
	// TTLAttribute is the attribute DynamoDB's time to live reads (epoch
	// seconds): records whose retention ended carry it.
	TTLAttribute string
}

// GSI is one global secondary index of the table.
type GSI struct {
	// Name is the index name.
	Name string
	// PartitionKey and SortKey are the index's key attributes (S).
	PartitionKey, SortKey string
}

// Attribute names of the table.
const (
	attrPK      = "pk"
	attrSK      = "sk"
	attrTS      = "ts"
	attrKind    = "kind"
	attrG1      = "g1"
	attrG2      = "g2"
	attrG3      = "g3"
	attrG4      = "g4"
	attrG5      = "g5"
	attrExpires = "expires"
)

// Index names.
const (
	indexKind = "kind-ts"
	indexG1   = "g1-ts"
	indexG2   = "g2-ts"
	indexG3   = "g3-ts"
	indexG4   = "g4-ts"
	indexG5   = "g5-ts"
)

// Design is the table design of this store (see the package
// documentation for what each key holds). infra/ declares exactly this.
var Design = TableDesign{
	PartitionKey: attrPK,
	SortKey:      attrSK,
	GSIs: []GSI{
		{Name: indexKind, PartitionKey: attrKind, SortKey: attrTS},
		{Name: indexG1, PartitionKey: attrG1, SortKey: attrTS},
		{Name: indexG2, PartitionKey: attrG2, SortKey: attrTS},
		{Name: indexG3, PartitionKey: attrG3, SortKey: attrTS},
		{Name: indexG4, PartitionKey: attrG4, SortKey: attrTS},
		{Name: indexG5, PartitionKey: attrG5, SortKey: attrTS},
	},
	TTLAttribute: attrExpires,
}
