"""Pseudonyms and redaction of quotes: names, emails, phone numbers and secrets."""

from __future__ import annotations

import pytest

from synth.privacy import Redactor, is_secret_key, pseudonyms, redact_url

STUDY = ["Tomasz Wieczorek", "DONALD", "Priya Raman", "Will", "Ann"]
PSEUDONYMS = {"Priya Raman": "P03", "donald": "P01", "Tomasz Wieczorek": "P02"}


@pytest.fixture
def redactor() -> Redactor:
    return Redactor(STUDY, pseudonyms=PSEUDONYMS)


# pseudonyms

def test_pseudonyms_follow_sorted_ids_whatever_the_input_order():
    expected = {"alice": "P01", "bob": "P02", "carol": "P03"}
    assert pseudonyms(["carol", "alice", "bob"]) == expected
    assert pseudonyms(["bob", "carol", "alice", "bob"]) == expected
    assert list(pseudonyms(["carol", "alice", "bob"])) == ["alice", "bob", "carol"]


def test_pseudonym_width_grows_past_99():
    ids = [f"id{n:03d}" for n in range(1, 100)]
    assert pseudonyms(ids)["id099"] == "P99"
    wide = pseudonyms([*ids, "id100"])
    assert wide["id001"] == "P001" and wide["id100"] == "P100"
    assert pseudonyms([]) == {}


# names

def test_names_become_the_persons_pseudonym(redactor):
    assert redactor.redact("I told Priya") == "I told [P03]"
    assert redactor.redact("Priya Raman and priya raman") == "[P03] and [P03]"
    assert redactor.redact("Priya  Raman\nsaid") == "[P03]\nsaid"
    assert redactor.redact("Raman's fork") == "[P03]'s fork"


def test_parts_of_a_full_name_match_when_capitalised(redactor):
    assert redactor.redact("Tomasz Wieczorek") == "[P02]"
    assert redactor.redact("Tomasz said, then WIECZOREK wrote") == "[P02] said, then [P02] wrote"
    # a part written lower-case is left alone
    assert redactor.redact("tomasz") == "tomasz"


def test_all_caps_label_matches_any_case(redactor):
    assert redactor.redact("Donald, DONALD and donald") == "[P01], [P01] and [P01]"


def test_name_without_pseudonym_becomes_name_placeholder():
    assert Redactor(["Priya Raman"]).redact("I told Priya") == "I told [name]"


def test_everyday_word_names_only_when_capitalised(redactor):
    assert redactor.redact("I will ask Will. Will said no") == "I will ask [name]. [name] said no"
    assert Redactor(["Mark Stone"]).redact("mark it, Mark") == "mark it, [name]"
    assert Redactor(["Mark"]).redact("a stone mark") == "a stone mark"


def test_name_inside_another_word_is_kept(redactor):
    assert redactor.redact("annual Annotate Anne Joanna") == "annual Annotate Anne Joanna"
    assert redactor.redact("Ann and ann") == "[name] and [name]"
    assert redactor.redact("Donaldson Priyanka Willow") == "Donaldson Priyanka Willow"


def test_longest_name_wins():
    redactor = Redactor(["Ann", "Ann Lee", "Anna"], pseudonyms={"Ann": "P01", "Ann Lee": "P02"})
    assert redactor.redact("Ann Lee met Ann and Anna") == "[P02] met [P01] and [name]"


def test_a_part_shared_by_two_people_names_neither():
    redactor = Redactor(["Priya Raman", "Arun Raman"],
                        pseudonyms={"Priya Raman": "P01", "Arun Raman": "P02"})
    assert redactor.redact("Raman and Arun") == "[name] and [P02]"


def test_keep_names_keeps_names_but_still_redacts_contact_details_and_secrets():
    redactor = Redactor(STUDY, keep_names=True, pseudonyms=PSEUDONYMS)
    text = ("Priya (priya@example.com, 555-123-4567) pasted "
            "https://x.io/a?token=abc123 and AKIAIOSFODNN7EXAMPLE")
    assert redactor.redact(text) == (
        "Priya ([email], [phone]) pasted https://x.io/a?token=[redacted] and [secret]")


# emails

@pytest.mark.parametrize("email", [
    "priya@example.com", "priya.raman+synth@mail.example.co.uk", "t_w-99@uni.edu.pl",
])
def test_emails(email):
    assert Redactor([]).redact(f"write to {email}.") == "write to [email]."


def test_not_emails():
    text = "use @decorator, ping @priya, see user@localhost"
    assert Redactor([]).redact(text) == text


def test_email_is_redacted_whole_before_names(redactor):
    assert redactor.redact("Priya <priya.raman@example.com>") == "[P03] <[email]>"


# phone numbers

@pytest.mark.parametrize("phone", [
    "+44 20 7946 0958", "+44 (0)20 7946 0958", "+1-555-123-4567", "+4915112345678",
    "(555) 123-4567", "555-123-4567", "555.123.4567", "1-800-555-1234", "555-0199",
    "07700 900123", "020 7946 0958", "0121 496 0000", "01 23 45 67 89",
])
def test_phones(phone):
    assert Redactor([]).redact(f"call {phone}, thanks") == "call [phone], thanks"


@pytest.mark.parametrize("text", [
    "back in 2019", "on Python 3.11.2", "released 2026-02-10", "at 00:01:02.500",
    "5,000 users", "1,234,567 rows", "from 2019-2023", "between 500-1000 tests",
    "on 192.168.100.200", "10/02/2026", "02-10-2026", "build 20260210", "+1 for that",
    "+5,000 stars", "+20 000 stars", "port 8080", "pip install numpy==1.26.4",
    "501-1000", "a company of 201-1000 people", "251-5000 employees",
])
def test_not_phones(text):
    assert Redactor([]).redact(text) == text


# secrets

def test_url_query_secrets_keep_the_url():
    redactor = Redactor([])
    assert redactor.redact("see https://x.io/a?token=abc123&page=2.") == (
        "see https://x.io/a?token=[redacted]&page=2.")
    assert redactor.redact("https://s3.example.com/f?X-Amz-Signature=ab/c+d==&v=1") == (
        "https://s3.example.com/f?X-Amz-Signature=[redacted]&v=1")
    for key in ["access_key", "api_key", "apikey", "sig", "password", "access_token"]:
        assert redactor.redact(f"http://h/p?q=1&{key}=s3cr3t#top") == (
            f"http://h/p?q=1&{key}=[redacted]#top")


def test_url_userinfo_password():
    redactor = Redactor([])
    assert redactor.redact("(https://bob:hunter2@host/x)") == "(https://[redacted]@host/x)"
    assert redactor.redact("git clone ssh://git@github.com/o/r") == (
        "git clone ssh://git@github.com/o/r")


def test_urls_without_secrets_are_untouched():
    text = "https://en.wikipedia.org/wiki/Foo_(bar), https://x.io/search?q=pip&page=2 and www.x.io"
    assert Redactor(["Page"]).redact(text) == text


def test_url_helpers():
    assert redact_url("http://a.b/c;jsessionid=ABC?q=1") == "http://a.b/c;jsessionid=[redacted]?q=1"
    assert redact_url("https://h/?email=a@b.com") == "https://h/?email=[email]"
    assert is_secret_key("X-Amz-Signature") and is_secret_key("client_secret")
    assert not is_secret_key("page") and not is_secret_key("keyword")


@pytest.mark.parametrize("token", [
    "ghp_" + "a1B2" * 9, "sk-" + "abcDEF123" * 3, "sk-proj-Ab3dEfGh1jKlMn0pQrStUv",
    "AKIAIOSFODNN7EXAMPLE", "xoxb-123456789012-abcdefghij",
    "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N",
])
def test_api_key_like_tokens(token):
    assert Redactor([]).redact(f"my key {token} leaked") == "my key [secret] leaked"


@pytest.mark.parametrize("text", [
    "ghp_tooshort", "sk-learn-compatible-interfaces", "task-abcdefghij1234567890xyz",
    "AKIA is a prefix", "a commit 3f2a9c1d8e7b6a5f4e3d2c1b0a9f8e7d6c5b4a39",
])
def test_not_api_keys(text):
    assert Redactor([]).redact(text) == text


def test_secret_token_in_a_url_path():
    token = "ghp_" + "x" * 36
    assert Redactor([]).redact(f"https://{token}@github.com/o/r") == (
        "https://[redacted]@github.com/o/r")


def test_redaction_is_deterministic_and_idempotent(redactor):
    text = "Tomasz (tw@example.com, +48 601 234 567) said Priya knows"
    once = redactor.redact(text)
    assert once == "[P02] ([email], [phone]) said [P03] knows"
    assert redactor.redact(once) == once
    assert Redactor(reversed(STUDY), pseudonyms=PSEUDONYMS).redact(text) == once


@pytest.mark.parametrize("text, kind", [
    ("my key is wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY, do not share", "[secret]"),
    ("card 4111 1111 1111 1111 expires soon", "[card]"),
    ("my SSN is 123-45-6789 and NI AB 12 34 56 C", "[id]"),
    ("pay to GB82 WEST 1234 5698 7654 32 please", "[account]"),
    ("send it to 221B Baker Street, London", "[address]"),
    ("the password: hunter22 works", "[secret]"),
])
def test_secrets_and_pii_beyond_contact_details(text, kind):
    redacted = Redactor([]).redact(text)
    assert kind in redacted
    for secret in ("wJalr", "4111", "6789", "WEST", "Baker", "hunter22"):
        assert secret not in redacted


def test_a_number_that_fails_the_card_check_is_not_a_card():
    assert "[card]" not in Redactor([]).redact("order 4111 1111 1111 1112 shipped")


def test_names_grouped_by_first_letters_match_as_one_flat_alternation(monkeypatch):
    """The look-ahead grouping is only a speed-up: every text comes out as the flat list of
    names (longest first) redacts it, across case rules, one-letter words and non-letters."""
    import synth.privacy as privacy

    names = ["Will Smith", "Will", "Al", "Al Jones", "J Smith", "Ann", "Anna", "Annabel Lee",
             "Åsa Öberg", "3M Team", "O'Brien", "Mark", "Mark Twain", "Smith", "Anders"]
    given = {"Will Smith": "P01", "Anna": "P02", "Åsa Öberg": "P03"}
    texts = ["Will Smith and will smith met Al Jones, al and AL.", "J Smith or j smith, Smith",
             "Annabel Lee, anna, ANNA and Ann; Anders annabel lee", "ÅSA ÖBERG and Åsa öberg",
             "3M Team, 3m team and O'Brien", "Mark Twain marked Mark's mark", "Annan; Anne"]
    grouped = Redactor(names, pseudonyms=given, whole_only=["Red Hat"])
    monkeypatch.setattr(privacy, "_by_first_letters",
                        lambda forms, patterns: "|".join(patterns[f] for f in forms))
    flat = Redactor(names, pseudonyms=given, whole_only=["Red Hat"])
    assert grouped._pattern.pattern != flat._pattern.pattern
    for text in texts:
        assert grouped.redact(text) == flat.redact(text), text
    # "will" is an everyday word, so only "smith" (a name of its own) goes
    assert grouped.redact(texts[0]) == "[P01] and will [name] met [name], al and [name]."


def test_a_mentioned_name_is_redacted_as_written_not_every_phrase_with_its_words():
    # NER took a Title Case phrase for a person: capitalised it goes, lower case it stays
    redactor = Redactor(["Priya Raman"], whole_only=["Command Line Tool", "Gwendolyn Stroud"])
    assert redactor.redact("A Command Line Tool, a command line tool") == \
        "A [name], a command line tool"
    assert redactor.redact("GWENDOLYN STROUD and Gwendolyn Stroud said") == "[name] and [name] said"
    # people in the study are still matched in any case
    assert redactor.redact("priya raman") == "[name]"


def test_a_location_keeps_its_row_or_line_number_and_redacts_the_header():
    from synth.privacy import Privacy

    privacy = Privacy({"P1": "Amara Okafor"})
    assert (privacy.location("row 2, column What would Amara Okafor change?")
            == "row 2, column What would [P01] change?")
    # a row number is no phone number, wherever the survey's rows go
    assert privacy.location("row 1234567, column Call 555-123-4567") == (
        "row 1234567, column Call [phone]")
    assert privacy.location("line 40") == "line 40"
    assert privacy.location("call Amara Okafor at 00:01:02") == privacy.text(
        "call Amara Okafor at 00:01:02")
