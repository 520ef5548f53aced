// Package ssmkv is the key-value datastore (datastore.Store) on AWS
// Systems Manager Parameter Store: what st2kv lookups read on AWS.
//
// Items are parameters under one root path (default /stormless/kv):
// <root>/system/<name> in the system scope and <root>/user/<user>/<name>
// in a user's scope. Names and users are escaped into SSM's alphabet:
// letters, digits, '_' and '.' stay, every other byte becomes -HH (its
// hex), so "a:b" is "a-3Ab"; the escape is undone when listing. Secrets
// are SecureString parameters (encrypted with the account's aws/ssm key,
// or WithKMSKeyID's); Get without decrypt and List return SSM's
// ciphertext, marked Encrypted. Plain values are String parameters. Every
// parameter uses the Intelligent-Tiering tier, so values up to 8 KB fit.
//
// SSM has no per-parameter expiry on the standard tier (expiration
// policies need advanced parameters, which cost money), so a TTL is kept
// in the parameter's description ("stormless datastore item; expires=
// <RFC 3339 time>") and enforced by this adapter: an expired item is
// absent for Get, List and Delete, and Get deletes it. Until then it still
// exists in SSM: readers other than Stormless see it. SSM refuses empty
// values, so an empty value is stored as a single space with "; empty" in
// the description.
//
// The store calls SSM through the narrow API interface, in SSM's JSON
// shapes; JSONAPI implements it over awsjson (SigV4 and the AWS JSON
// protocol) so that the Lambda functions link no SSM SDK client.
//
// IAM: ssm:GetParameter, ssm:GetParametersByPath (and, to write,
// ssm:PutParameter, ssm:DeleteParameter) on the parameters under the root,
// and ssm:DescribeParameters, which has no resource type in SSM's
// authorization reference (grant it on "*"); with
// WithKMSKeyID, kms:Encrypt and kms:Decrypt on that key.
//
// Get makes two calls (GetParameter and DescribeParameters, for the
// description); List reads every parameter under the listed path (values
// and descriptions) and pages in memory, so it suits datastores of
// thousands of items, not millions.
package ssmkv
