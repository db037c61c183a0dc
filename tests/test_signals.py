import json

import pytest

from synth.errors import SynthError
from synth.signals import Signal, detect, load_signals, negated

IDS = ["excitement", "problem_agreement", "volunteers_feedback", "invites_colleagues",
       "despite_rough_edges", "refers_others", "wants_to_pay", "shares_publicly"]


@pytest.fixture(scope="module")
def signals():
    return load_signals()


POSITIVE = {
    "excitement": [
        "I love it.",
        "Honestly, this is amazing.",
        "It's a game changer for our data team.",
        "I can't wait to roll it out.",
        "I'm really excited about the new version.",
        "It's absolutely brilliant, where has this been all my life?",
    ],
    "problem_agreement": [
        "Yes, that's exactly our problem.",
        "That's the biggest pain for us right now.",
        "We struggle with exactly that.",
        "Oh that really resonates, we fight with this every day.",
        "It's a huge problem for the whole team.",
    ],
    "volunteers_feedback": [
        "I'm happy to give feedback whenever you need it.",
        "I'd be glad to beta test the next release.",
        "I filed a bunch of issues on GitHub last week.",
        "I'd love to be on a call with your engineers.",
        "Sign me up for the beta!",
    ],
    "invites_colleagues": [
        "I showed it to my team on Friday.",
        "I got our backend team to try it.",
        "I'll loop in my manager.",
        "My whole team started using it after the demo.",
        "I forwarded the link to a few colleagues.",
    ],
    "despite_rough_edges": [
        "It's rough around the edges but we use it every day.",
        "Even with the bugs we stuck with it.",
        "Despite the outage we kept it.",
        "It's buggy as hell and we still use it for every release.",
        "We stayed with it through the outages last spring.",
    ],
    "refers_others": [
        "I recommended it to a friend at another startup.",
        "I tell everyone about it.",
        "I'd recommend it.",
        "I can't recommend it enough.",
        "I've sent a few friends your way.",
    ],
    "wants_to_pay": [
        "I'd pay for that.",
        "We'd happily pay, to be honest.",
        "Shut up and take my money.",
        "We upgraded to the paid plan in March.",
        "I asked for a quote last week.",
        "It's worth every penny.",
        "If it had SSO we'd pay for it tomorrow.",
    ],
    "shares_publicly": [
        "I tweeted about it.",
        "I wrote a blog post about it.",
        "I gave a talk on it at our local meetup.",
        "I posted it on Hacker News.",
        "Someone asked, so I posted it to Reddit.",
        "I made a YouTube video.",
    ],
}

NEGATIVE = {
    "excitement": [
        "I don't love it.",
        "I love Python.",
        "Python is amazing.",
        "It's not a game changer.",
        "I'd love it if it supported Windows.",
        "I wasn't impressed with it.",
    ],
    "problem_agreement": [
        "That's not really a problem for us.",
        "Honestly I don't think that's a huge problem for us.",
        "We never struggle with that.",
        "That's the biggest problem with it, the price.",
        "It doesn't really resonate with us.",
    ],
    "volunteers_feedback": [
        "I'm not willing to beta test anything.",
        "I don't have time to give feedback.",
        "I wouldn't want to be on a call with your engineers.",
        "I haven't filed any issues.",
        "Someone else on the team talked to the team lead.",
    ],
    "invites_colleagues": [
        "Nobody on my team wanted to try it.",
        "I haven't shown it to my team yet.",
        "My team uses Jenkins for everything.",
        "I would never loop in my manager for this.",
        "I got my team to try Rust.",
    ],
    "despite_rough_edges": [
        "It's too buggy, so we dropped it.",
        "It's rough around the edges but we don't use it anymore.",
        "Despite the outage we didn't keep it.",
        "It's buggy but we switched to something else.",
        "The bugs made us stop using it.",
    ],
    "refers_others": [
        "I would never recommend it.",
        "I haven't told anyone.",
        "I'd recommend against it.",
        "A friend recommended it to me.",
        "I recommended Rust to my friend.",
        "I don't think I'd recommend it.",
    ],
    "wants_to_pay": [
        "I wouldn't pay for that.",
        "Not worth paying for.",
        "If it cost money we'd drop it.",
        "If I had to pay for it, I'd switch to something else.",
        "No way I'd pay for that.",
        "I'd pay more attention to the docs.",
        "We're paying for Datadog already.",
    ],
    "shares_publicly": [
        "I haven't tweeted about it.",
        "I would never post it on Reddit.",
        "I gave a talk on Kubernetes last year.",
        "I read about it on Hacker News.",
        "I wrote a blog post about Terraform.",
    ],
}


def test_the_shipped_file_loads_all_eight_signals(signals):
    assert [s.id for s in signals] == IDS
    assert all(isinstance(s, Signal) and s.title and s.description and s.patterns
               for s in signals)


def test_every_signal_has_positive_and_negative_cases():
    for sid in IDS:
        assert len(POSITIVE[sid]) >= 3 and len(NEGATIVE[sid]) >= 2, sid


@pytest.mark.parametrize(("sid", "text"), [(s, t) for s in IDS for t in POSITIVE[s]])
def test_signal_is_found(signals, sid, text):
    assert sid in detect(text, signals)


@pytest.mark.parametrize(("sid", "text"), [(s, t) for s in IDS for t in NEGATIVE[s]])
def test_signal_is_not_found(signals, sid, text):
    assert sid not in detect(text, signals)


@pytest.mark.parametrize("text", [
    "I wouldn't pay for that.", "I would never recommend it.", "I don't love it.",
    "Nobody on my team wanted to try it.", "I haven't told anyone.", "Not worth paying for.",
    "If it cost money we'd drop it.", "The build takes forty minutes.", ""])
def test_negations_and_plain_statements_show_nothing(signals, text):
    assert detect(text, signals) == []


@pytest.mark.parametrize("text", [
    # look-alikes met in the shared interviews: someone else, a dummy "it", a plain verb
    "It's fantastic that you don't keep that data!",
    "Most people just assume it's magic.",
    "How do we tell people to prepare for it?",
    "Is there anything you would recommend changing about the interviews?",
    "And it brought attention to it, and people tweeted about it.",
    "30,000 people are paying for it.",
    "If we paid for it, the hosting bill would be around $9,000 a month.",
    "The grant said we will pay a professional project manager.",
])
def test_look_alikes_from_real_interviews_show_nothing(signals, text):
    assert detect(text, signals) == []


def test_ids_come_in_file_order(signals):
    text = "I'd pay for it. I love it and I already showed it to my team."
    assert detect(text, signals) == ["excitement", "invites_colleagues", "wants_to_pay"]


def test_negation_stops_at_the_clause_boundary(signals):
    assert detect("I didn't expect much, but I love it.", signals) == ["excitement"]
    assert detect("It isn't cheap; however we'd happily pay.", signals) == ["wants_to_pay"]
    assert detect("I don't love it, but I'd recommend it.", signals) == ["refers_others"]


def test_negation_only_looks_a_few_words_back():
    sentence = "We did not have budget last year and now we'd pay"
    assert not negated(sentence, sentence.index("'d pay"))
    assert negated("we would not ever pay", len("we would not ever "))


def test_curly_apostrophes_and_line_breaks(signals):
    assert detect("I wouldn’t pay\nfor that.", signals) == []
    assert detect("I’d pay for\n  that.", signals) == ["wants_to_pay"]


def test_a_refusal_hypothetical_cancels_only_its_own_sentence(signals):
    text = "We'd pay for the hosted version. If they doubled the price, we'd leave."
    assert detect(text, signals) == ["wants_to_pay"]


def test_excitement_needs_the_product_and_product_names_can_be_added(signals):
    assert detect("I love it.", signals) == ["excitement"]
    assert detect("I love Beacon.", signals) == []
    named = load_signals(names=["Beacon"])
    assert detect("I love Beacon.", named) == ["excitement"]
    assert detect("I love Python.", named) == []


def user_file(tmp_path, signals, **extra):
    path = tmp_path / "signals.json"
    path.write_text(json.dumps({"signals": signals, **extra}), encoding="utf-8")
    return path


def test_a_user_file_with_its_own_product_words(tmp_path):
    path = user_file(tmp_path, [{"id": "joy", "title": "Joy", "description": "",
                                 "patterns": [r"\bdig {product}"]}], product=["the widget"])
    signals = load_signals(path)
    assert detect("I really dig the widget", signals) == ["joy"]
    assert detect("I don't dig the widget", signals) == []


def test_a_broken_regex_names_the_signal_and_pattern(tmp_path):
    path = user_file(tmp_path, [{"id": "joy", "title": "Joy", "description": "",
                                 "patterns": [r"\blove (it"]}])
    with pytest.raises(SynthError) as error:
        load_signals(path)
    message = str(error.value)
    assert "\n" not in message
    assert message.startswith(f"{path}: signal 'joy' has a bad pattern '\\\\blove (it'")
    assert "missing )" in message


def test_bad_json_names_its_line(tmp_path):
    path = tmp_path / "signals.json"
    path.write_text('{\n  "signals": [\n    {"id": "joy",}\n  ]\n}\n', encoding="utf-8")
    with pytest.raises(SynthError, match=r"signals\.json, line 3: not valid JSON"):
        load_signals(path)


@pytest.mark.parametrize(("signals", "problem"), [
    ([{"id": "joy", "title": "Joy", "description": ""}], "missing 'patterns'"),
    ([{"id": "joy", "title": "Joy", "description": "", "patterns": []}],
     "signal 'joy' has no patterns"),
    ([{"id": "joy", "title": "Joy", "description": "", "patterns": "love"}],
     "patterns of signal 'joy' must be a list of strings"),
    ([], "lists no signals"),
    ([{"id": "joy", "title": "Joy", "description": "", "patterns": ["a"]}] * 2,
     "signal 'joy' is listed twice"),
])
def test_malformed_user_files_say_what_is_wrong(tmp_path, signals, problem):
    with pytest.raises(SynthError, match=problem):
        load_signals(user_file(tmp_path, signals))


def test_a_missing_file_says_so(tmp_path):
    with pytest.raises(SynthError, match="cannot read it"):
        load_signals(tmp_path / "nope.json")


@pytest.mark.parametrize("text", [
    "If I could rely 100% on it, I would love it.",
    "I wish it was amazing.",
    "It would be great if it worked; then it would be amazing.",
    "Hopefully it is a game changer.",
])
def test_a_wish_is_not_excitement(signals, text):
    assert detect(text, signals) == []
