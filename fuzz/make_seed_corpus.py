#!/usr/bin/env python3
"""Writes the committed seed corpora of the fuzz targets (fuzz/corpus/<target>/).

Run it again after the OpenAPI file in tests/data changes or to add a seed here; the files it
writes are committed, so neither CI nor scripts/fuzz.sh needs Python. It only ever rewrites the
files it names, so seeds added by hand (or copied from a fuzzing run) stay.

  fuzz/make_seed_corpus.py            # from anywhere in the repository
"""
import json
import pathlib

ROOT = pathlib.Path(__file__).resolve().parent.parent
CORPUS = ROOT / "fuzz" / "corpus"
SPEC = ROOT / "tests" / "data" / "twilio_supersim_v1.json"


def write(target, name, content):
    folder = CORPUS / target
    folder.mkdir(parents=True, exist_ok=True)
    data = content.encode("utf-8") if isinstance(content, str) else content
    (folder / name).write_bytes(data)


def compact(value):
    return json.dumps(value, separators=(",", ":"), ensure_ascii=False)


# The 13 named example responses of GET /v1/UsageRecords, one body each, as Twilio sends them.
def openapi_examples():
    spec = json.loads(SPEC.read_text(encoding="utf-8"))
    examples = spec["paths"]["/v1/UsageRecords"]["get"]["responses"]["200"]["content"][
        "application/json"]["examples"]
    assert len(examples) == 13, f"expected 13 examples, found {len(examples)}"
    for name, example in examples.items():
        write("page", f"openapi-{name}.json", compact(example["value"]) + "\n")


RECORD = {
    "period": {"start_time": "2015-05-01T20:00:00Z", "end_time": "2015-06-01T20:00:00Z"},
    "account_sid": "ACaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
    "data_upload": 150000,
    "data_download": 150000,
    "data_total": 300000,
    "data_total_billed": "0.03",
    "billed_unit": "USD",
    "sim_sid": "HSaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
    "fleet_sid": None,
    "network_sid": None,
    "iso_country": None,
}
META_NULLS = {k: None for k in ("first_page_url", "key", "next_page_url", "page", "page_size",
                                "previous_page_url", "url")}

# Hand-made pages for the edges the examples do not reach. Wrong types are seeds too: they lead
# the fuzzer into the error paths.
EDGE_PAGES = {
    "edge-empty-object.json": "{}",
    "edge-nulls.json": compact({
        "usage_records": [{k: None for k in RECORD}, {"period": {"start_time": None,
                                                               "end_time": None}}, {}],
        "meta": META_NULLS}),
    "edge-records-and-meta-null.json": '{"usage_records":null,"meta":null}',
    "edge-billing-numbers.json": '{"usage_records":[{"data_total_billed":0.030},'
                                 '{"data_total_billed":5},{"data_total_billed":-12.5},'
                                 '{"data_total_billed":1E+3},{"data_total_billed":"-0"},'
                                 '{"data_total_billed":"0.030"},{"data_total_billed":"1e-2"},'
                                 '{"data_total_billed":0.1000000000000000055511151231257827}]}',
    "edge-unknown-fields.json": compact({
        "usage_records": [dict(RECORD, extra={"nested": [1, {"a": [None, True]}]},
                               period=dict(RECORD["period"], zone="UTC"))],
        "meta": dict(META_NULLS, key="usage_records", total=[1, 2.5, "x"]),
        "unknown": {"usage_records": "not these"}, "": [[[]]]}),
    "edge-times.json": compact({"usage_records": [
        dict(RECORD, period={"start_time": "2019-05-03t02:00:00.123456789+02:00",
                             "end_time": "2019-05-02T19:30:00-04:30"}),
        dict(RECORD, period={"start_time": "2020-02-29T00:00:00.5z",
                             "end_time": "1970-01-01T00:00:00-00:00"})]}),
    "edge-integers.json": compact({"usage_records": [
        dict(RECORD, data_upload=9223372036854775807, data_download=-9223372036854775808,
             data_total=0)], "meta": dict(META_NULLS, page=0, page_size=1000)}),
    "edge-escapes.json": '{"usage_records":[{"sim_sid":"H\\u0053 caf\\u00e9 \\ud83d\\ude00 \\/\\"",'
                         '"billed_unit":"\\u0055SD"}],"meta":{"url":"https:\\/\\/x\\/?a=1&b=%20"}}',
    "edge-duplicate-keys.json": '{"usage_records":[{"data_total":1,"data_total":2}],'
                                '"usage_records":[{"sim_sid":"a"}],"meta":{"page":1},"meta":{}}',
    "wrong-type-integer-as-string.json": compact({"usage_records": [
        dict(RECORD, data_upload="150000")]}),
    "wrong-type-record-as-array.json": '{"usage_records":[[1,2]]}',
    "wrong-type-period-as-string.json": compact({"usage_records": [
        dict(RECORD, period="2015-05-01T20:00:00Z")]}),
    "wrong-type-page-as-float.json": '{"meta":{"page":1.5,"page_size":true}}',
    "wrong-type-root-array.json": "[]",
    "wrong-type-integer-beyond-int64.json": '{"usage_records":[{"data_total":18446744073709551616}]}',
    "wrong-type-bad-time.json": compact({"usage_records": [
        dict(RECORD, period={"start_time": "2019-02-30T00:00:00Z", "end_time": None})]}),
    "malformed-truncated.json": compact({"usage_records": [RECORD]})[:150],
}

RFC3339 = {
    "zulu": "2019-05-03T00:00:00Z",
    "lower-case": "2019-05-03t00:00:00z",
    "offset-plus": "2019-05-03T02:00:00+02:00",
    "offset-minus-half-hour": "2019-05-02T19:30:00-04:30",
    "offset-negative-zero": "2019-05-03T00:00:00-00:00",
    "fraction-1": "2019-05-03T00:00:00.5Z",
    "fraction-9": "2019-05-03T00:00:00.123456789Z",
    "fraction-offset": "2019-05-03T01:00:00.250+01:00",
    "leap-day": "2020-02-29T23:59:59Z",
    "leap-second": "2016-12-31T23:59:60Z",
    "epoch": "1970-01-01T00:00:00Z",
    "before-epoch": "1969-12-31T23:59:59.999999999Z",
    "invalid-no-such-day": "2019-02-30T00:00:00Z",
    "invalid-month-13": "2019-13-03T00:00:00Z",
    "invalid-hour-25": "2019-05-03T25:00:00Z",
    "invalid-no-zone": "2019-05-03T00:00:00",
    "invalid-offset-no-colon": "2019-05-03T00:00:00+0200",
    "invalid-fraction-10": "2019-05-03T00:00:00.1234567891Z",
    "invalid-space": "2019-05-03 00:00:00Z",
    "invalid-date-only": "2019-05-03",
    "invalid-trailing": "2019-05-03T00:00:00Zjunk",
}

# One `Name=value` line per parameter; see fuzz/query_fuzzer.cpp.
QUERY = {
    "empty": "",
    "all-valid": "Sim=HSaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\nFleet=my fleet\n"
                 "Network=HWaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\nIsoCountry=FR\nGroup=sim\n"
                 "Granularity=day\nStartTime=2026-01-01T00:00:00Z\nEndTime=2026-01-02T00:00:00+01:00\n"
                 "PageSize=50\nLimit=120\nPage=2\nPageToken=PAabc\n",
    "names-needing-encoding": "Sim=caf\\xC3\\xA9 & co=%+/?#\\x00\\x0A\\xFF\nFleet=a b~c-d.e_f\n"
                              "PageToken=x%2Fy\n",
    "limit-only": "Limit=5000\n",
    "pagesize-and-smaller-limit": "PageSize=1000\nLimit=7\n",
    "group-and-granularity-by-index": "Group=3\nGranularity=2\n",
    "times-as-nanoseconds": "StartTime=-9223372036854775808\nEndTime=9223372036854775807\n",
    "times-fractional-same-second": "StartTime=2026-01-01T00:00:00.1Z\n"
                                    "EndTime=2026-01-01T00:00:00.9Z\n",
    "invalid-network": "Network=HWzz\n",
    "invalid-isocountry": "IsoCountry=F1\n",
    "invalid-pagesize": "PageSize=1001\n",
    "invalid-limit": "Limit=0\n",
    "invalid-page": "Page=-1\n",
    "invalid-empty-sim": "Sim=\n",
}


def main():
    openapi_examples()
    for name, body in EDGE_PAGES.items():
        write("page", name, body)
    for name, text in RFC3339.items():
        write("rfc3339", name, text)
    for name, text in QUERY.items():
        write("query", name, text)
    for target in ("page", "rfc3339", "query"):
        count = len(list((CORPUS / target).iterdir()))
        print(f"fuzz/corpus/{target}: {count} files")


if __name__ == "__main__":
    main()
