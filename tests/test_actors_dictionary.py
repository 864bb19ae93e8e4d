"""The actor dictionary as data: countries, dependencies, partially recognised entities,
people with time-bounded roles, shared aliases, offices, and the user's own dictionary file."""
from __future__ import annotations

import json

import pycountry
import pytest

from parley.coder.actors import ActorDictionary
from parley.errors import UsageError


@pytest.fixture(scope="module")
def d() -> ActorDictionary:
    return ActorDictionary.load()


def _code(d: ActorDictionary, form: str, date: str | None = "2024-03-15", office: str | None = None):
    return d.resolve(d.lookup(form), date, office)


def test_every_iso_country_has_a_plover_code(d):
    deps = {"PRI": "USA", "GRL": "DNK", "FLK": "GBR", "MAC": "CHN", "ALA": "FIN"}
    for c in pycountry.countries:
        names = [c.name, getattr(c, "common_name", c.name), getattr(c, "official_name", c.name),
                 c.name.split(",")[0].split(" (")[0]]
        codes = {_code(d, n).code for n in names if n != "Congo"} - {None}  # 'Congo' is read as DR Congo
        assert len(codes) == 1, (c.name, codes)
        if c.alpha_3 in deps:
            assert codes == {deps[c.alpha_3]}, c.name
    assert _code(d, "Congo").code == "COD" and _code(d, "Republic of the Congo").code == "COG"
    assert _code(d, "Virgin Islands").code is None  # British or U.S.: not guessed
    assert _code(d, "Puerto Rico").code == "USA"
    assert _code(d, "Greenland").code == "DNK"
    assert _code(d, "Hong Kong").code == "HKG"
    assert _code(d, "Kosovo").code == "KOS"
    assert _code(d, "Palestine").code == "PSE" and _code(d, "the West Bank").code == "PSE"


def test_nationality_adjectives_cover_the_sovereign_states(d):
    missing = [code for code, entry in json.loads(
        (__import__("importlib.resources").resources.files("parley.data") / "actors/countries.json").read_text()
    )["countries"].items() if not entry["adjectives"] and code not in ("DMA", "ATA")]
    assert missing == []
    for adj, code in [("Burkinabe", "BFA"), ("Emirati", "ARE"), ("Kyrgyz", "KGZ"), ("South Sudanese", "SSD"),
                      ("North Korean", "PRK"), ("Bosnian Serbs", "BIH"), ("Congolese", "COD")]:
        assert d.lookup(adj)[0].code == code, adj
    assert d.lookup("Latin American")[0].code is None  # a region, not the United States
    assert d.lookup("Korean")[0].code is None  # North or South: not guessed


def test_partially_recognised_entities_take_their_nominal_state_and_pre(d):
    for name, code in [("Donetsk People's Republic", "UKR"), ("LPR", "UKR"), ("Transnistria", "MDA"),
                       ("Abkhazia", "GEO"), ("Somaliland", "SOM"), ("Northern Cyprus", "CYP")]:
        res = _code(d, name)
        assert (res.code, res.sector, res.sectors) == (code, "GOV", ("PRE",)), name


def test_seats_of_power_are_metonyms_for_the_government(d):
    for seat, code in [("the Kremlin", "RUS"), ("Kyiv", "UKR"), ("Washington", "USA"), ("Downing Street", "GBR"),
                       ("Beijing", "CHN"), ("the White House", "USA"), ("Zhongnanhai", "CHN")]:
        res = _code(d, seat)
        assert (res.code, res.sector) == (code, "GOV"), seat
    assert _code(d, "the Pentagon").sector == "MIL"


def test_roles_change_with_the_article_date(d):
    assert _code(d, "Putin", "2010-06-01").office == "prime minister"
    assert _code(d, "Putin", "2020-06-01").office == "president"
    taliban = [_code(d, "Taliban", day).sector for day in ("1999-01-01", "2010-01-01", "2022-01-01")]
    assert taliban == ["GOV", "REB", "GOV"]
    assert _code(d, "al-Sharaa", "2024-06-01").sector == "REB" and _code(d, "al-Sharaa", "2025-03-01").sector == "GOV"


def test_former_officials_are_eli_and_future_ones_have_no_sector(d):
    res = _code(d, "Merkel", "2023-01-01")
    assert (res.code, res.sector, res.office) == ("DEU", "ELI", "former chancellor")
    early = _code(d, "Zelensky", "2015-01-01")
    assert (early.code, early.sector) == ("UKR", None)


def test_a_shared_surname_is_resolved_by_date_and_title(d):
    assert _code(d, "Bush", "1991-05-01").name == "George H. W. Bush"
    assert _code(d, "Bush", "2004-05-01").name == "George W. Bush"
    assert _code(d, "Assad", "1995-01-01").name == "Hafez al-Assad"
    assert _code(d, "Assad", "2015-01-01").name == "Bashar al-Assad"
    undated = _code(d, "Bush", None, office="president")
    assert (undated.code, undated.sector, undated.name) == ("USA", "GOV", None)  # which Bush: unknown


def test_offices_are_compared_across_titles(d):
    assert d.office_holder("USA", "foreign minister", "2023-06-01").name == "Antony Blinken"
    assert d.office_holder("GBR", "foreign minister", "2023-06-01").name == "James Cleverly"
    assert d.office_holder("RUS", "leader", "2023-06-01").name == "Vladimir Putin"
    assert d.office_holder("RUS", "leader", None) is None  # no date, no guess


def test_wikidata_ids_are_q_ids_or_null(d):
    ids = {k.wikidata for ks in d.surface.values() for k in ks}
    assert all(i is None or (i.startswith("Q") and i[1:].isdigit()) for i in ids)
    assert _code(d, "Putin").wikidata == "Q7747"


def test_user_dictionary_is_merged_over_the_bundled_one(tmp_path):
    path = tmp_path / "mine.json"
    path.write_text(json.dumps({
        "people": [{"name": "Ada Quillfeather", "aliases": ["Quillfeather"],
                    "roles": [{"code": "NOR", "sector": "GOV", "office": "defence minister", "start": "2023-01-01"}]}],
        "organizations": [{"name": "United Nations", "aliases": ["UN"], "code": "IGO", "sector": "GOV"}],
        "countries": {"RUS": {"names": [], "adjectives": [], "seats": ["Kremlin Hill"]}},
    }))
    d = ActorDictionary.load(str(path))
    assert _code(d, "Quillfeather").code == "NOR"
    assert _code(d, "UN").code == "IGO"  # the user's convention wins
    assert _code(d, "Kremlin Hill").code == "RUS"
    assert "user:mine.json" in d.version


@pytest.mark.parametrize("content,message", [
    ("{not json", "not valid JSON"),
    ("[1, 2]", "must be a JSON object"),
    ('{"people": [{"aliases": ["X"]}]}', "needs a non-empty 'name'"),
    ('{"people": [{"name": "X", "roles": [{"code": "russia"}]}]}', "3-letter"),
    ('{"people": [{"name": "X", "roles": [{"code": "RUS", "start": "last May"}]}]}', "YYYY"),
    ('{"people": [{"name": "X", "wikidata": "Putin", "roles": [{"code": "RUS"}]}]}', "Q-id"),
    ('{"peoples": []}', "unknown key"),
])
def test_a_bad_user_dictionary_is_a_clear_error(tmp_path, content, message):
    path = tmp_path / "bad.json"
    path.write_text(content)
    with pytest.raises(UsageError) as err:
        ActorDictionary.load(str(path))
    assert message in str(err.value) and "bad.json" in str(err.value)


def test_a_missing_user_dictionary_is_a_clear_error(tmp_path):
    with pytest.raises(UsageError, match="does not exist"):
        ActorDictionary.load(str(tmp_path / "nowhere.json"))


def test_the_bundled_igo_convention_file_is_a_valid_user_dictionary():
    from importlib import resources

    path = resources.files("parley.data") / "actors/conventions/igo-for-un-eu-ngo.json"
    d = ActorDictionary.load(str(path))
    assert _code(d, "United Nations").code == "IGO" and _code(d, "Amnesty International").code == "IGO"
    assert _code(d, "Guterres").code == "IGO" and _code(d, "NATO").code == "IGO"
    assert _code(ActorDictionary.load(), "United Nations").code == "UNO"  # the default follows the manual
