"""``gebeurtenisId`` on the delivery logs: the deliveries of one event, from its page."""

from __future__ import annotations


def test_the_delivery_log_filters_by_event(api, maak_afnemer):
    afnemer, ander = maak_afnemer(), maak_afnemer()
    for id_, email in ((afnemer["id"], "een@gemeente.example"),
                       (afnemer["id"], "twee@gemeente.example"),
                       (ander["id"], "drie@gemeente.example")):
        assert api.post(f"/afnemers/{id_}/lidmaatschappen",
                        json={"email": email, "rol": "afnemer-medewerker"}).status_code == 201
    pad = f"/afnemers/{afnemer['id']}"
    een, twee = api.get(f"{pad}/gebeurtenissen").get_json()["resultaten"]
    [van_ander] = api.get(f"/afnemers/{ander['id']}/gebeurtenissen").get_json()["resultaten"]
    for event in (een, twee):
        [bezorging] = api.get(f"{pad}/bezorgingen?gebeurtenisId={event['id']}"
                              ).get_json()["resultaten"]
        assert bezorging["gebeurtenisId"] == event["id"]
        assert [b["id"] for b in api.get(f"/bezorgingen?gebeurtenisId={event['id']}")
                .get_json()["resultaten"]] == [bezorging["id"]]
    # Another afnemer's event has no deliveries in this afnemer's log.
    assert api.get(f"{pad}/bezorgingen?gebeurtenisId={van_ander['id']}"
                   ).get_json()["resultaten"] == []
    assert api.get(f"{pad}/bezorgingen?gebeurtenisId=geen-id").status_code == 400
