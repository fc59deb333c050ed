"""boto3 against the engine: botocore requests answered by scripts/wire through a before-send hook.

Run from the repository root:
    python3 -m unittest discover -s tests/python -p 'test_*.py'
"""

import datetime
import os
import re
import tempfile
import unittest
from collections import Counter
from unittest import mock

import boto3
import botocore.exceptions
from botocore.config import Config

from aws_messages import ACCESS_DENIED, ALREADY_IN_STATE, DUPLICATE, INVALID_PATTERN, INVALID_TRANSITION, NOT_FOUND
from engine_wire import WireHost, attach_engine

MANAGEMENT = "111111111111"
SUSAN = "222222222222"
CAROL = "333333333333"
NOW = 1789271046.11
UTC = datetime.timezone.utc
FIFTEEN_DAYS = datetime.timedelta(days=15)

HANDSHAKE_ID = re.compile(r"^h-[0-9a-z]{8,32}$")


def parties(handshake):
    return Counter((p["Type"], p["Id"]) for p in handshake["Parties"])


class Boto3EngineTest(unittest.TestCase):
    """The invitation lifecycle driven through boto3 clients whose requests go to scripts/wire."""

    @classmethod
    def setUpClass(cls):
        # Keep the machine's AWS configuration out of the clients.
        cls._tmp = tempfile.TemporaryDirectory()
        empty = os.path.join(cls._tmp.name, "empty")
        open(empty, "w").close()
        cls._env = mock.patch.dict(os.environ, {"AWS_CONFIG_FILE": empty, "AWS_SHARED_CREDENTIALS_FILE": empty})
        cls._env.start()
        for name in ("AWS_PROFILE", "AWS_DEFAULT_PROFILE", "AWS_SESSION_TOKEN", "AWS_ENDPOINT_URL",
                     "AWS_ENDPOINT_URL_ORGANIZATIONS"):
            os.environ.pop(name, None)
        cls.wire = WireHost()

    @classmethod
    def tearDownClass(cls):
        cls.wire.close()
        cls._env.stop()
        cls._tmp.cleanup()

    def setUp(self):
        sim = self.simulator
        sim("Reset", {"Seed": 1})
        sim("CreateAccount", {"Id": MANAGEMENT, "Name": "Bill", "Email": "bill@example.com"})
        sim("CreateOrganization", {"ManagementAccountId": MANAGEMENT, "Id": "o-exampleorgid"})
        sim("CreateAccount", {"Id": SUSAN, "Name": "Susan", "Email": "susan@example.com"})
        sim("SetTime", {"Timestamp": NOW})
        self.bill = self.client(MANAGEMENT)
        self.susan = self.client(SUSAN)

    def simulator(self, control, body):
        return self.wire.call_json("", f"Simulator.{control}", body)

    def client(self, access_key_id):
        client = boto3.session.Session().client(
            "organizations",
            region_name="us-east-1",
            aws_access_key_id=access_key_id,
            aws_secret_access_key="x",
            config=Config(parameter_validation=True, retries={"max_attempts": 1}),
        )
        return attach_engine(client, self.wire)

    def invite_susan(self, **extra):
        return self.bill.invite_account_to_organization(
            Target={"Type": "EMAIL", "Id": "susan@example.com"}, **extra)["Handshake"]

    def assertClientError(self, ctx, code, message, reason=None):
        error = ctx.exception.response["Error"]
        self.assertEqual(error["Code"], code)
        self.assertEqual(error["Message"], message)
        self.assertEqual(ctx.exception.response["ResponseMetadata"]["HTTPStatusCode"], 400)
        if reason is None:
            self.assertNotIn("Reason", ctx.exception.response)
        else:
            self.assertEqual(ctx.exception.response["Reason"], reason)

    # ---- the lifecycle -------------------------------------------------------------------------

    def test_invite_by_email_with_notes(self):
        hs = self.invite_susan(Notes="Welcome to the example organization")
        self.assertRegex(hs["Id"], HANDSHAKE_ID)
        self.assertEqual(hs["Arn"], f"arn:aws:organizations::{MANAGEMENT}:handshake/o-exampleorgid/invite/{hs['Id']}")
        self.assertEqual(hs["State"], "OPEN")
        self.assertEqual(hs["Action"], "INVITE")
        self.assertEqual(parties(hs), Counter({("ORGANIZATION", "exampleorgid"): 1, ("EMAIL", "susan@example.com"): 1}))
        self.assertIsInstance(hs["RequestedTimestamp"], datetime.datetime)
        self.assertIsInstance(hs["ExpirationTimestamp"], datetime.datetime)
        self.assertEqual(hs["RequestedTimestamp"], datetime.datetime(2026, 9, 13, 3, 44, 6, 110000, tzinfo=UTC))
        self.assertEqual(hs["ExpirationTimestamp"] - hs["RequestedTimestamp"], FIFTEEN_DAYS)
        self.assertEqual(hs["Resources"], [
            {"Type": "ORGANIZATION", "Value": "o-exampleorgid", "Resources": [
                {"Type": "MASTER_EMAIL", "Value": "bill@example.com"},
                {"Type": "MASTER_NAME", "Value": "Bill"},
                {"Type": "ORGANIZATION_FEATURE_SET", "Value": "ALL"}]},
            {"Type": "EMAIL", "Value": "susan@example.com"},
            {"Type": "NOTES", "Value": "Welcome to the example organization"},
        ])

    def test_sender_and_recipient_describe_the_same_handshake(self):
        hs = self.invite_susan()
        for client in (self.bill, self.susan):
            got = client.describe_handshake(HandshakeId=hs["Id"])["Handshake"]
            self.assertEqual(got["Id"], hs["Id"])
            self.assertEqual(got["State"], "OPEN")
            self.assertEqual(parties(got), parties(hs))
            self.assertEqual(got["RequestedTimestamp"], hs["RequestedTimestamp"])
            self.assertEqual(got["ExpirationTimestamp"], hs["ExpirationTimestamp"])
            # No Notes were given, so there is no NOTES resource.
            self.assertEqual([r["Type"] for r in got["Resources"]], ["ORGANIZATION", "EMAIL"])

    def test_recipient_lists_the_invitation_and_sender_lists_it_for_the_organization(self):
        hs = self.invite_susan()
        received = self.susan.list_handshakes_for_account()["Handshakes"]
        self.assertEqual([h["Id"] for h in received], [hs["Id"]])
        self.assertEqual(received[0]["State"], "OPEN")
        self.assertIsInstance(received[0]["RequestedTimestamp"], datetime.datetime)
        # The management account did not receive it.
        self.assertEqual(self.bill.list_handshakes_for_account()["Handshakes"], [])
        sent = self.bill.list_handshakes_for_organization()["Handshakes"]
        self.assertEqual([h["Id"] for h in sent], [hs["Id"]])

    def test_decline_and_what_follows(self):
        hs = self.invite_susan(Notes="Join us")
        declined = self.susan.decline_handshake(HandshakeId=hs["Id"])["Handshake"]
        self.assertEqual(declined["Id"], hs["Id"])
        self.assertEqual(declined["State"], "DECLINED")
        self.assertEqual(self.bill.describe_handshake(HandshakeId=hs["Id"])["Handshake"]["State"], "DECLINED")

        with self.assertRaises(self.susan.exceptions.HandshakeAlreadyInStateException) as ctx:
            self.susan.decline_handshake(HandshakeId=hs["Id"])
        self.assertClientError(ctx, "HandshakeAlreadyInStateException", ALREADY_IN_STATE)

        with self.assertRaises(self.susan.exceptions.InvalidHandshakeTransitionException) as ctx:
            self.susan.accept_handshake(HandshakeId=hs["Id"])
        self.assertClientError(ctx, "InvalidHandshakeTransitionException", INVALID_TRANSITION)

        with self.assertRaises(self.bill.exceptions.InvalidHandshakeTransitionException) as ctx:
            self.bill.cancel_handshake(HandshakeId=hs["Id"])
        self.assertClientError(ctx, "InvalidHandshakeTransitionException", INVALID_TRANSITION)

        # A declined invitation is not a live duplicate: the same invitation can be sent again.
        again = self.invite_susan()
        self.assertNotEqual(again["Id"], hs["Id"])
        self.assertEqual(again["State"], "OPEN")

    def test_recipient_accepts(self):
        hs = self.invite_susan()
        accepted = self.susan.accept_handshake(HandshakeId=hs["Id"])["Handshake"]
        self.assertEqual(accepted["State"], "ACCEPTED")
        # After acceptance the EMAIL party is replaced by the acceptor's account.
        self.assertEqual(parties(accepted), Counter({("ORGANIZATION", "exampleorgid"): 1, ("ACCOUNT", SUSAN): 1}))
        with self.assertRaises(self.susan.exceptions.HandshakeAlreadyInStateException) as ctx:
            self.susan.accept_handshake(HandshakeId=hs["Id"])
        self.assertClientError(ctx, "HandshakeAlreadyInStateException", ALREADY_IN_STATE)

    # ---- errors ---------------------------------------------------------------------------------

    def test_sender_cannot_accept(self):
        hs = self.invite_susan()
        with self.assertRaises(self.bill.exceptions.AccessDeniedException) as ctx:
            self.bill.accept_handshake(HandshakeId=hs["Id"])
        self.assertClientError(ctx, "AccessDeniedException", ACCESS_DENIED)
        with self.assertRaises(self.bill.exceptions.AccessDeniedException) as ctx:
            self.bill.decline_handshake(HandshakeId=hs["Id"])
        self.assertClientError(ctx, "AccessDeniedException", ACCESS_DENIED)
        with self.assertRaises(self.susan.exceptions.AccessDeniedException) as ctx:
            self.susan.cancel_handshake(HandshakeId=hs["Id"])
        self.assertClientError(ctx, "AccessDeniedException", ACCESS_DENIED)
        self.assertEqual(self.susan.describe_handshake(HandshakeId=hs["Id"])["Handshake"]["State"], "OPEN")

    def test_unknown_handshake(self):
        with self.assertRaises(self.bill.exceptions.HandshakeNotFoundException) as ctx:
            self.bill.describe_handshake(HandshakeId="h-00000000")
        self.assertClientError(ctx, "HandshakeNotFoundException", NOT_FOUND)

    def test_malformed_handshake_id_reaches_the_engine(self):
        # botocore checks required members and types, not patterns: "bad" is sent and the engine rejects it.
        with self.assertRaises(self.bill.exceptions.InvalidInputException) as ctx:
            self.bill.describe_handshake(HandshakeId="bad")
        self.assertClientError(ctx, "InvalidInputException", INVALID_PATTERN, reason="INVALID_PATTERN:HANDSHAKE_ID")

    def test_botocore_validation_stops_a_missing_member(self):
        with self.assertRaises(botocore.exceptions.ParamValidationError) as ctx:
            self.bill.describe_handshake()
        self.assertIn("HandshakeId", str(ctx.exception))

    def test_invalid_email_target(self):
        with self.assertRaises(self.bill.exceptions.InvalidInputException) as ctx:
            self.bill.invite_account_to_organization(Target={"Type": "EMAIL", "Id": "invalid"})
        self.assertClientError(ctx, "InvalidInputException",
                               "You specified an invalid email address for the invited account owner.",
                               reason="INVALID_EMAIL_ADDRESS_TARGET")

    def test_duplicate_live_invitation(self):
        self.invite_susan()
        with self.assertRaises(self.bill.exceptions.DuplicateHandshakeException) as ctx:
            self.invite_susan(Notes="second try")
        self.assertClientError(ctx, "DuplicateHandshakeException", DUPLICATE)
        self.assertEqual(len(self.bill.list_handshakes_for_organization()["Handshakes"]), 1)

    def test_access_key_that_is_not_an_account_id(self):
        stranger = self.client("AKIAIOSFODNN7EXAMPLE")
        with self.assertRaises(botocore.exceptions.ClientError) as ctx:
            stranger.list_handshakes_for_account()
        self.assertClientError(ctx, "UnrecognizedClientException",
                               "The security token included in the request is invalid.")

    # ---- pagination -----------------------------------------------------------------------------

    def test_paginate_list_handshakes_for_account(self):
        sim = self.simulator
        sim("CreateAccount", {"Id": CAROL, "Name": "Carol", "Email": "carol@example.com"})
        sim("CreateOrganization", {"ManagementAccountId": CAROL, "Id": "o-carolorgid01"})
        carol = self.client(CAROL)

        first = self.invite_susan()
        self.susan.decline_handshake(HandshakeId=first["Id"])
        sim("AdvanceTime", {"Seconds": 60})
        second = self.invite_susan(Notes="Please reconsider")
        sim("AdvanceTime", {"Seconds": 60})
        third = carol.invite_account_to_organization(Target={"Type": "ACCOUNT", "Id": SUSAN})["Handshake"]
        self.assertEqual(parties(third), Counter({("ORGANIZATION", "carolorgid01"): 1, ("ACCOUNT", SUSAN): 1}))
        expected = {first["Id"]: "DECLINED", second["Id"]: "OPEN", third["Id"]: "OPEN"}

        pages = list(self.susan.get_paginator("list_handshakes_for_account").paginate(
            PaginationConfig={"PageSize": 2}))
        self.assertGreaterEqual(len(pages), 2)
        for page in pages[:-1]:
            self.assertIn("NextToken", page)
        self.assertNotIn("NextToken", pages[-1])
        for page in pages:
            self.assertLessEqual(len(page["Handshakes"]), 2)
        seen = [h for page in pages for h in page["Handshakes"]]
        self.assertEqual(sorted(h["Id"] for h in seen), sorted(expected))
        self.assertEqual({h["Id"]: h["State"] for h in seen}, expected)
        for h in seen:
            self.assertIsInstance(h["RequestedTimestamp"], datetime.datetime)

        # The same, one handshake per page, through build_full_result.
        full = self.susan.get_paginator("list_handshakes_for_account").paginate(
            PaginationConfig={"PageSize": 1}).build_full_result()
        self.assertEqual(sorted(h["Id"] for h in full["Handshakes"]), sorted(expected))

        # A filter is applied before paging.
        invites = self.susan.get_paginator("list_handshakes_for_account").paginate(
            Filter={"ActionType": "INVITE"}, PaginationConfig={"PageSize": 1}).build_full_result()
        self.assertEqual(len(invites["Handshakes"]), 3)

    # ---- fidelity fixes and the operations around handshakes -----------------------------------

    def test_no_output_operations_answer_an_empty_body(self):
        hs = self.invite_susan()
        self.susan.accept_handshake(HandshakeId=hs["Id"])
        removed = self.bill.remove_account_from_organization(AccountId=SUSAN)
        self.assertEqual(set(removed), {"ResponseMetadata"})
        self.assertEqual(removed["ResponseMetadata"]["HTTPStatusCode"], 200)
        self.assertEqual(removed["ResponseMetadata"]["HTTPHeaders"]["content-length"], "0")
        deleted = self.bill.delete_organization()
        self.assertEqual(set(deleted), {"ResponseMetadata"})

    def test_not_in_use_and_already_in_organization_messages(self):
        with self.assertRaises(self.susan.exceptions.AWSOrganizationsNotInUseException) as ctx:
            self.susan.describe_organization()
        self.assertClientError(ctx, "AWSOrganizationsNotInUseException",
                               "Your account is not a member of an organization.")
        with self.assertRaises(self.bill.exceptions.AlreadyInOrganizationException) as ctx:
            self.bill.create_organization(FeatureSet="ALL")
        self.assertClientError(ctx, "AlreadyInOrganizationException",
                               "The AWS account is already a member of an organization.")

    def test_operation_outside_the_simulation(self):
        with self.assertRaises(botocore.exceptions.ClientError) as ctx:
            self.bill.list_policies(Filter="SERVICE_CONTROL_POLICY")
        self.assertClientError(ctx, "OperationNotSimulatedException",
                               "The operation 'ListPolicies' exists in AWS Organizations but is outside this simulation.")

    def test_roots_parents_children(self):
        hs = self.invite_susan()
        self.susan.accept_handshake(HandshakeId=hs["Id"])
        roots = self.bill.list_roots()["Roots"]
        self.assertEqual(len(roots), 1)
        root = roots[0]
        self.assertRegex(root["Id"], r"^r-[0-9a-z]{4,32}$")
        self.assertEqual(root["Name"], "Root")
        self.assertEqual(root["Arn"], f"arn:aws:organizations::{MANAGEMENT}:root/o-exampleorgid/{root['Id']}")
        self.assertEqual(self.bill.list_parents(ChildId=SUSAN)["Parents"], [{"Id": root["Id"], "Type": "ROOT"}])
        children = self.bill.get_paginator("list_children").paginate(
            ParentId=root["Id"], ChildType="ACCOUNT", PaginationConfig={"PageSize": 1}).build_full_result()
        self.assertEqual([c["Id"] for c in children["Children"]], [MANAGEMENT, SUSAN])
        accounts = self.bill.list_accounts_for_parent(ParentId=root["Id"])["Accounts"]
        self.assertEqual([a["Id"] for a in accounts], [MANAGEMENT, SUSAN])
        self.assertIsInstance(accounts[1]["JoinedTimestamp"], datetime.datetime)
        with self.assertRaises(self.bill.exceptions.ParentNotFoundException):
            self.bill.list_children(ParentId="r-zzzz", ChildType="ACCOUNT")
        with self.assertRaises(self.susan.exceptions.AccessDeniedException):
            self.susan.list_roots()

    def test_invitation_tags_are_applied_when_the_account_joins(self):
        hs = self.invite_susan(Tags=[{"Key": "team", "Value": "blue"}])
        with self.assertRaises(self.bill.exceptions.TargetNotFoundException):
            self.bill.list_tags_for_resource(ResourceId=SUSAN)
        self.susan.accept_handshake(HandshakeId=hs["Id"])
        self.assertEqual(self.bill.list_tags_for_resource(ResourceId=SUSAN)["Tags"], [{"Key": "team", "Value": "blue"}])
        tagged = self.bill.tag_resource(ResourceId=SUSAN, Tags=[{"Key": "cost", "Value": "7"}])
        self.assertEqual(set(tagged), {"ResponseMetadata"})
        self.bill.untag_resource(ResourceId=SUSAN, TagKeys=["team"])
        self.assertEqual(self.bill.list_tags_for_resource(ResourceId=SUSAN)["Tags"], [{"Key": "cost", "Value": "7"}])
        with self.assertRaises(self.bill.exceptions.ConstraintViolationException) as ctx:
            self.bill.tag_resource(ResourceId=SUSAN, Tags=[{"Key": f"k{i}", "Value": "v"} for i in range(50)])
        self.assertEqual(ctx.exception.response["Reason"], "MAX_TAG_LIMIT_EXCEEDED")

    def test_create_account_in_progress_then_succeeded(self):
        status = self.bill.create_account(Email="dev@example.com", AccountName="Developer Test Account",
                                          Tags=[{"Key": "team", "Value": "x"}])["CreateAccountStatus"]
        self.assertRegex(status["Id"], r"^car-[a-z0-9]{8,32}$")
        self.assertEqual(status["State"], "IN_PROGRESS")
        self.assertIsInstance(status["RequestedTimestamp"], datetime.datetime)
        self.simulator("AdvanceTime", {"Seconds": 60})
        done = self.bill.describe_create_account_status(CreateAccountRequestId=status["Id"])["CreateAccountStatus"]
        self.assertEqual(done["State"], "SUCCEEDED")
        self.assertEqual(done["CompletedTimestamp"] - done["RequestedTimestamp"], datetime.timedelta(seconds=60))
        account = self.bill.describe_account(AccountId=done["AccountId"])["Account"]
        self.assertEqual(account["JoinedMethod"], "CREATED")
        self.assertEqual(self.bill.list_tags_for_resource(ResourceId=done["AccountId"])["Tags"],
                         [{"Key": "team", "Value": "x"}])
        listed = self.bill.get_paginator("list_create_account_status").paginate(
            States=["SUCCEEDED"]).build_full_result()["CreateAccountStatuses"]
        self.assertEqual([s["Id"] for s in listed], [status["Id"]])
        with self.assertRaises(self.bill.exceptions.CreateAccountStatusNotFoundException):
            self.bill.describe_create_account_status(CreateAccountRequestId="car-0123456789abcdef")


if __name__ == "__main__":
    unittest.main()
