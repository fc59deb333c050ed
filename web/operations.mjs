// @ts-check
// Catalogue of the AWS Organizations operations the engine speaks, with the members of each request
// (from the botocore model, organizations 2016-11-28) and how the form edits them.
//
// Field kinds:
//   handshakeId  picker of known handshakes (or any other value)
//   accountId    picker of known accounts (or any other value)
//   transferId   picker of known responsibility transfers (or any other value)
//   string, text (multi-line), enum, integer, timestamp (epoch seconds on the wire)
//   party        HandshakeParty {Id, Type}
//   tags         [{Key, Value}]
//   filter       HandshakeFilter {ActionType | ParentHandshakeId}
//   stringList   a list of strings (no form control yet: a text field; edit the raw body)

/**
 * @typedef {{name: string, kind: string, required?: boolean, hint?: string, values?: string[],
 *   defaultValue?: string, defaultStart?: boolean}} Field
 * @typedef {{name: string, group: string, caller: string, summary: string, fields: Field[]}} Operation
 */

export const TARGET_PREFIX = 'AWSOrganizationsV20161128';

export const ACTION_TYPES = [
  'INVITE', 'ENABLE_ALL_FEATURES', 'APPROVE_ALL_FEATURES', 'ADD_ORGANIZATIONS_SERVICE_LINKED_ROLE', 'TRANSFER_RESPONSIBILITY',
];
export const PARTY_TYPES = ['ACCOUNT', 'EMAIL', 'ORGANIZATION'];

/** @type {Field} */
const handshakeId = { name: 'HandshakeId', kind: 'handshakeId', required: true, hint: 'Pattern ^h-[0-9a-z]{8,32}$' };
/** @type {Field[]} */
const paging = [
  { name: 'NextToken', kind: 'string', hint: 'From a previous response' },
  { name: 'MaxResults', kind: 'integer', hint: '1 to 20' },
];
/** @type {Field[]} */
const listFields = [
  { name: 'Filter', kind: 'filter', hint: 'ActionType or ParentHandshakeId (not both)' },
  ...paging,
];

/** @type {Operation[]} */
export const OPERATIONS = [
  {
    name: 'InviteAccountToOrganization', group: 'Handshakes', caller: 'management account',
    summary: 'Sends an invitation (an INVITE handshake, OPEN for 15 days) to an account, by account id or root email.',
    fields: [
      { name: 'Target', kind: 'party', required: true, hint: 'ACCOUNT (12 digits) or EMAIL' },
      { name: 'Notes', kind: 'text', hint: 'Up to 1024 characters, shown to the recipient' },
      { name: 'Tags', kind: 'tags', hint: 'One Key=Value per line; applied when the account joins' },
    ],
  },
  {
    name: 'AcceptHandshake', group: 'Handshakes', caller: 'recipient',
    summary: 'The recipient accepts: an invited account joins the organization.',
    fields: [handshakeId],
  },
  {
    name: 'DeclineHandshake', group: 'Handshakes', caller: 'recipient',
    summary: 'The recipient declines. A declined handshake cannot be reopened.',
    fields: [handshakeId],
  },
  {
    name: 'CancelHandshake', group: 'Handshakes', caller: 'sender',
    summary: 'The sender withdraws an open handshake; the recipient can no longer respond.',
    fields: [handshakeId],
  },
  {
    name: 'DescribeHandshake', group: 'Handshakes', caller: 'a party to the handshake',
    summary: 'Returns one handshake. Terminal handshakes stay visible for 30 days.',
    fields: [handshakeId],
  },
  {
    name: 'ListHandshakesForAccount', group: 'Handshakes', caller: 'any account',
    summary: 'Lists the handshakes the calling account has received (works for standalone accounts).',
    fields: listFields,
  },
  {
    name: 'ListHandshakesForOrganization', group: 'Handshakes', caller: 'management account',
    summary: 'Lists the handshakes the organization has sent.',
    fields: listFields,
  },
  {
    name: 'EnableAllFeatures', group: 'Handshakes', caller: 'management account',
    summary: 'Starts the migration from CONSOLIDATED_BILLING to ALL: an ENABLE_ALL_FEATURES handshake with one APPROVE_ALL_FEATURES child per invited member.',
    fields: [],
  },
  {
    name: 'CreateOrganization', group: 'Organization', caller: 'standalone account',
    summary: 'The caller becomes the management account of a new organization.',
    fields: [{ name: 'FeatureSet', kind: 'enum', values: ['ALL', 'CONSOLIDATED_BILLING'], hint: 'Default ALL' }],
  },
  { name: 'DescribeOrganization', group: 'Organization', caller: 'any account in the organization', summary: 'Returns the caller\'s organization.', fields: [] },
  { name: 'DeleteOrganization', group: 'Organization', caller: 'management account', summary: 'Deletes an organization that has no member accounts left.', fields: [] },
  { name: 'LeaveOrganization', group: 'Organization', caller: 'member account', summary: 'A member account leaves its organization and becomes standalone.', fields: [] },
  {
    name: 'RemoveAccountFromOrganization', group: 'Organization', caller: 'management account',
    summary: 'Removes a member account from the organization.',
    fields: [{ name: 'AccountId', kind: 'accountId', required: true, hint: '12 digits' }],
  },
  { name: 'ListAccounts', group: 'Organization', caller: 'management account', summary: 'Lists the accounts in the organization.', fields: paging },
  {
    name: 'DescribeAccount', group: 'Organization', caller: 'management account',
    summary: 'Returns one account of the organization.',
    fields: [{ name: 'AccountId', kind: 'accountId', required: true, hint: '12 digits' }],
  },
  {
    name: 'InviteOrganizationToTransferResponsibility', group: 'Responsibility transfer', caller: 'management account',
    summary: 'Invites another organization\'s management account to transfer its billing to the caller (a TRANSFER_RESPONSIBILITY handshake).',
    fields: [
      { name: 'Type', kind: 'enum', values: ['BILLING'], required: true, defaultValue: 'BILLING' },
      { name: 'Target', kind: 'party', required: true, hint: 'ACCOUNT or EMAIL of the other management account' },
      { name: 'Notes', kind: 'text', hint: 'Up to 1024 characters' },
      { name: 'StartTimestamp', kind: 'timestamp', required: true, hint: '00:00:00 UTC on the 1st of a month', defaultStart: true },
      { name: 'SourceName', kind: 'string', required: true, hint: 'Printable ASCII, 1 to 128 characters' },
      { name: 'Tags', kind: 'tags', hint: 'One Key=Value per line' },
    ],
  },
  {
    name: 'ListInboundResponsibilityTransfers', group: 'Responsibility transfer', caller: 'management account',
    summary: 'Transfers in which the caller manages another organization\'s responsibility.',
    fields: [
      { name: 'Type', kind: 'enum', values: ['BILLING'], required: true, defaultValue: 'BILLING' },
      { name: 'Id', kind: 'transferId', hint: 'Optional rt- id' },
      ...paging,
    ],
  },
  {
    name: 'ListOutboundResponsibilityTransfers', group: 'Responsibility transfer', caller: 'management account',
    summary: 'Transfers in which another organization manages the caller\'s responsibility.',
    fields: [{ name: 'Type', kind: 'enum', values: ['BILLING'], required: true, defaultValue: 'BILLING' }, ...paging],
  },
  {
    name: 'DescribeResponsibilityTransfer', group: 'Responsibility transfer', caller: 'either management account',
    summary: 'Returns one responsibility transfer.',
    fields: [{ name: 'Id', kind: 'transferId', required: true, hint: 'Pattern ^rt-[0-9a-z]{8,32}$' }],
  },
  {
    name: 'UpdateResponsibilityTransfer', group: 'Responsibility transfer', caller: 'either management account',
    summary: 'Renames a responsibility transfer.',
    fields: [
      { name: 'Id', kind: 'transferId', required: true, hint: 'Pattern ^rt-[0-9a-z]{8,32}$' },
      { name: 'Name', kind: 'string', required: true, hint: 'Printable ASCII, 1 to 128 characters' },
    ],
  },
  {
    name: 'TerminateResponsibilityTransfer', group: 'Responsibility transfer', caller: 'either management account',
    summary: 'Withdraws a responsibility transfer (irreversible).',
    fields: [
      { name: 'Id', kind: 'transferId', required: true, hint: 'Pattern ^rt-[0-9a-z]{8,32}$' },
      { name: 'EndTimestamp', kind: 'timestamp', hint: '23:59:59 UTC on the last day of a month' },
    ],
  },
  {
    name: 'ListRoots', group: 'Roots and accounts', caller: 'management account',
    summary: 'Lists the organization\'s one root (r-...), under which every account sits.',
    fields: paging,
  },
  {
    name: 'ListChildren', group: 'Roots and accounts', caller: 'management account',
    summary: 'Lists the accounts (or OUs: none are simulated) directly under a root.',
    fields: [
      { name: 'ParentId', kind: 'string', required: true, hint: 'The root id from ListRoots (r-...)' },
      { name: 'ChildType', kind: 'enum', values: ['ACCOUNT', 'ORGANIZATIONAL_UNIT'], required: true, defaultValue: 'ACCOUNT' },
      ...paging,
    ],
  },
  {
    name: 'ListParents', group: 'Roots and accounts', caller: 'management account',
    summary: 'Returns the parent of an account: the root.',
    fields: [{ name: 'ChildId', kind: 'accountId', required: true, hint: '12 digits' }, ...paging],
  },
  {
    name: 'ListAccountsForParent', group: 'Roots and accounts', caller: 'management account',
    summary: 'Lists the accounts directly under a root, as ListAccounts shows them.',
    fields: [{ name: 'ParentId', kind: 'string', required: true, hint: 'The root id from ListRoots (r-...)' }, ...paging],
  },
  {
    name: 'ListTagsForResource', group: 'Tags', caller: 'management account',
    summary: 'Lists the tags of an account (or the root). Tags given on an invitation appear once the account joins.',
    fields: [
      { name: 'ResourceId', kind: 'accountId', required: true, hint: 'An account id (or the root id)' },
      { name: 'NextToken', kind: 'string', hint: 'From a previous response' },
    ],
  },
  {
    name: 'TagResource', group: 'Tags', caller: 'management account',
    summary: 'Adds or overwrites tags on an account of the organization (or the root); 50 tags at most.',
    fields: [
      { name: 'ResourceId', kind: 'accountId', required: true, hint: 'An account id (or the root id)' },
      { name: 'Tags', kind: 'tags', required: true, hint: 'One Key=Value per line' },
    ],
  },
  {
    name: 'UntagResource', group: 'Tags', caller: 'management account',
    summary: 'Removes tags by key (keys that are not there are ignored).',
    fields: [
      { name: 'ResourceId', kind: 'accountId', required: true, hint: 'An account id (or the root id)' },
      { name: 'TagKeys', kind: 'stringList', required: true, hint: 'A JSON list of keys, e.g. ["team"] (edit it in the raw body)' },
    ],
  },
  {
    name: 'CreateAccount', group: 'Create account', caller: 'management account',
    summary: 'Creates a new member account with no handshake: IN_PROGRESS, then SUCCEEDED 60 simulated seconds later (JoinedMethod CREATED).',
    fields: [
      { name: 'Email', kind: 'string', required: true, hint: 'Root email of the new account, unique' },
      { name: 'AccountName', kind: 'string', required: true, hint: 'Printable ASCII, 1 to 50 characters' },
      { name: 'RoleName', kind: 'string', hint: 'Default OrganizationAccountAccessRole' },
      { name: 'IamUserAccessToBilling', kind: 'enum', values: ['ALLOW', 'DENY'], hint: 'Default ALLOW' },
      { name: 'Tags', kind: 'tags', hint: 'One Key=Value per line; applied to the new account' },
    ],
  },
  {
    name: 'DescribeCreateAccountStatus', group: 'Create account', caller: 'management account',
    summary: 'Returns the state of one CreateAccount request.',
    fields: [{ name: 'CreateAccountRequestId', kind: 'string', required: true, hint: 'Pattern ^car-[a-z0-9]{8,32}$' }],
  },
  {
    name: 'ListCreateAccountStatus', group: 'Create account', caller: 'management account',
    summary: 'Lists the organization\'s CreateAccount requests, oldest first.',
    fields: [
      { name: 'States', kind: 'stringList', hint: 'A JSON list of IN_PROGRESS, SUCCEEDED, FAILED (edit it in the raw body)' },
      ...paging,
    ],
  },
];

export const OPERATIONS_BY_NAME = new Map(OPERATIONS.map((op) => [op.name, op]));

/** Member names whose values are timestamps (epoch seconds on the wire, datetime in boto3). */
export const TIMESTAMP_MEMBERS = new Set([
  'RequestedTimestamp', 'ExpirationTimestamp', 'JoinedTimestamp', 'StartTimestamp', 'EndTimestamp',
  'CompletedTimestamp',
]);

/** Operations that act on one handshake and whose legality the page checks beforehand. */
export const HANDSHAKE_MOVES = ['AcceptHandshake', 'DeclineHandshake', 'CancelHandshake'];

/** @param {string} operationName */
export function targetOf(operationName) {
  return `${TARGET_PREFIX}.${operationName}`;
}

/**
 * "AWSOrganizationsV20161128.DeclineHandshake" -> "DeclineHandshake"; any other target is returned whole.
 * @param {unknown} target
 */
export function operationOfTarget(target) {
  const text = String(target || '');
  return text.startsWith(`${TARGET_PREFIX}.`) ? text.slice(TARGET_PREFIX.length + 1) : text;
}
