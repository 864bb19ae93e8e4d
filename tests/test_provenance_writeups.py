"""Own write-ups of a wire report: a page that credits the outlet whose report another page
relays (in its lead), published the same or the next day, and naming the same rare people
and places, joins that report's story; without dates, a week later, or when neither page
relays the outlet's report (both credit it only in their own reporting), it stays apart."""
from __future__ import annotations

from parley.ingest.jsonl import record_to_article
from parley.provenance.features import features
from parley.provenance.hooks import after_write
from parley.provenance.relate import Side, relate
from parley.store.db import Store

RELAY = """The Oslo-based aid group Nordhjelp said on Monday that its convoy of 14 lorries had reached the besieged town of Velmarsk after a three-day delay at the Drovny checkpoint, Reuters reported.

Convoy leader Ingrid Saether said the lorries carried flour, insulin and water purification tablets for about 9,000 residents. Local officials said the road from Drovny had been shelled twice during the night.

The group's spokesman in Bergen, Piet Larsen, said a second convoy would leave on Thursday if both sides kept their guarantees of safe passage."""

WRITEUP = """Bakers in Velmarsk lit their ovens on Tuesday for the first time in a month, as sacks of flour from the Nordhjelp convoy were carried into the town's two remaining bakeries.

"We queued from five in the morning, but nobody complained," said Olga Marchuk, a retired teacher who waited with her grandson. Mayor Taras Holub thanked volunteers from Lisenko, Brody and Zarichne. Our correspondent saw children carrying loaves home through streets lined with burned cars.

Reuters reported on Monday that the lorries had been held for three days at the Drovny checkpoint before they were let through. Hospital staff told us the insulin, which Ingrid Saether of Nordhjelp said was meant for about 9,000 people, would last until the end of the month.

Aid workers said they feared the road would close again if fighting resumed."""

OTHER = """A court in the capital sentenced two former customs officers to eight years in prison on Monday for taking bribes at the Drovny checkpoint, prosecutors said.

The officers had waved through lorries carrying untaxed fuel, according to the verdict. Defence lawyers said they would appeal. Reuters had reported on the case last spring, naming a network of smugglers in Velmarsk and a fuel depot owned by a local councillor, Bogdan Kresty.

Anti-corruption campaigners welcomed the sentences but said senior officials had gone unpunished."""


def article(ident: str, outlet: str, text: str, published: str | None):
    a = record_to_article({"id": ident, "url": f"https://{ident}.example/news/{ident}", "outlet": outlet,
                           "title": ident, "published": published, "language": "en", "text": text}, "fixtures", ident)
    a.status = "stored"
    return a


def stories(tmp_path, batch) -> dict[str, str]:
    with Store(str(tmp_path / "s.duckdb")) as store:
        store.write_batch(batch, [], coder="test")
        after_write(store, batch, [])
        return dict(store.con.execute("SELECT article_id, story_id FROM prov_docs").fetchall())


def test_a_write_up_crediting_the_relayed_report_joins_its_story(tmp_path):
    got = stories(tmp_path, [article("relay", "Daily Relay", RELAY, "2024-03-04"),
                             article("writeup", "Town Gazette", WRITEUP, "2024-03-05"),
                             article("other", "Court News", OTHER, "2024-03-04")])
    assert got["writeup"] == got["relay"]
    assert got["other"] != got["relay"]


def test_without_dates_the_write_up_stays_apart(tmp_path):
    got = stories(tmp_path, [article("relay", "Daily Relay", RELAY, None), article("writeup", "Town Gazette", WRITEUP, None)])
    assert got["writeup"] != got["relay"]


def test_a_week_later_the_write_up_stays_apart(tmp_path):
    got = stories(tmp_path, [article("relay", "Daily Relay", RELAY, "2024-03-04"),
                             article("writeup", "Town Gazette", WRITEUP, "2024-03-11")])
    assert got["writeup"] != got["relay"]


def side(ident: str, text: str, day: int, outlet: str) -> Side:
    return Side(features(ident, text, "en", day, ["Reuters"]), frozenset({"Reuters"}), frozenset(), outlet, {}, 5.0)


def test_pages_crediting_the_outlet_only_in_their_own_reporting_share_a_source_not_a_report():
    lead, rest = RELAY.split("\n\n", 1)
    in_body = lead.replace(", Reuters reported.", ".") + "\n\n" + rest.replace(
        "Local officials said", "Reuters reported that local officials said", 1)
    writeup = side("writeup", WRITEUP, 800_001, "Town Gazette")
    relayed = relate(writeup, side("relay", RELAY, 800_000, "Daily Relay"))
    assert relayed is not None and relayed.measures.get("credited_report")
    assert relate(writeup, side("body", in_body, 800_000, "Daily Relay")) is None


def test_a_page_opening_with_a_wire_dateline_is_the_wire_copy_and_a_relay_is_a_write_up(tmp_path):
    wire = article("wire", "Daily Relay", "OSLO (Reuters) - " + RELAY.replace(", Reuters reported.", "."), "2024-03-04")
    relayed = article("relayed", "Other Daily", WRITEUP.replace("Bakers in Velmarsk", "Reuters reported that bakers in "
                                                                  "Velmarsk", 1), "2024-03-04")
    with Store(str(tmp_path / "s.duckdb")) as store:
        store.write_batch([wire, relayed], [], coder="test")
        after_write(store, [wire, relayed], [])
        kinds = dict(store.con.execute("SELECT article_id, copy_kind FROM prov_docs").fetchall())
    assert kinds == {"wire": "verbatim", "relayed": "independent"}
