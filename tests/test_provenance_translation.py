"""Translations into a language that capitalises every noun (German) join the story of the
report they translate; a German page on another event of the same day stays apart."""
from __future__ import annotations

from parley.ingest.jsonl import record_to_article
from parley.provenance.hooks import after_write
from parley.store.db import Store

ORIGINAL = """Finland became the 31st member of NATO on Tuesday, when its foreign minister Pekka Haavisto handed the accession document to US Secretary of State Antony Blinken at the alliance's headquarters in Brussels.

Secretary General Jens Stoltenberg said the accession doubled the length of the alliance's land border with Russia, adding some 1,340 kilometres along Finland's eastern frontier. The Finnish flag was raised outside the building in the afternoon.

Kremlin spokesman Dmitry Peskov said Moscow would take countermeasures to protect its security and would watch closely what NATO deployed on Finnish soil. President Sauli Niinisto said Finland's era of military non-alignment had come to an end."""

GERMAN = """Finnland ist am Dienstag als 31. Mitglied der NATO beigetreten. Außenminister Pekka Haavisto übergab die Beitrittsurkunde im Hauptquartier des Bündnisses in Brüssel an US-Außenminister Antony Blinken.

Generalsekretär Jens Stoltenberg sagte, durch den Beitritt verdopple sich die Landgrenze des Bündnisses mit Russland, um rund 1.340 Kilometer entlang der finnischen Ostgrenze. Am Nachmittag wurde vor dem Gebäude die finnische Flagge gehisst, begleitet von Musik, Reden, Fotografen und Kameraleuten; Diplomaten, Soldaten und Beamte verfolgten die Zeremonie auf Bildschirmen im Innenhof, während Demonstranten mit Plakaten und Fahnen vor dem Zaun standen.

Kremlsprecher Dmitri Peskow kündigte Gegenmaßnahmen zum Schutz der Sicherheit Russlands an und sagte, die Regierung werde die Stationierung von Truppen, Waffen und Stützpunkten auf finnischem Boden genau beobachten. Präsident Sauli Niinistö erklärte, die Zeit der militärischen Bündnisfreiheit Finnlands sei zu Ende; Zeitungen, Parteien und Verbände begrüßten die Entscheidung mit Erleichterung."""

OTHER_GERMAN = """Die Türkei blockiert weiterhin den Beitritt Schwedens zur NATO. Präsident Recep Tayyip Erdogan warf der Regierung in Stockholm am Dienstag vor, Demonstrationen von Gegnern seiner Regierung zu dulden.

Schwedens Ministerpräsident Ulf Kristersson sagte, sein Land erfülle alle Bedingungen der Vereinbarung von Madrid. Ungarns Parlament hat über den Antrag noch nicht abgestimmt."""


def article(ident: str, outlet: str, text: str, language: str):
    a = record_to_article({"id": ident, "url": f"https://{ident}.example/news/{ident}", "outlet": outlet,
                           "title": ident, "published": "2023-04-04", "language": language, "text": text},
                          "fixtures", ident)
    a.status = "stored"
    return a


def test_a_german_translation_joins_its_report_and_another_german_page_stays_apart(tmp_path):
    batch = [article("nato-en", "Example Wire", ORIGINAL, "en"), article("nato-de", "Beispiel Blatt", GERMAN, "de"),
             article("sweden-de", "Beispiel Blatt", OTHER_GERMAN, "de")]
    with Store(str(tmp_path / "s.duckdb")) as store:
        store.write_batch(batch, [], coder="test")
        after_write(store, batch, [])
        rows = {r[0]: r[1:] for r in store.con.execute(
            "SELECT article_id, story_id, copy_kind FROM prov_docs").fetchall()}
    assert rows["nato-de"][0] == rows["nato-en"][0]
    assert rows["nato-de"][1] == "rewrite"
    assert rows["sweden-de"][0] != rows["nato-en"][0]
