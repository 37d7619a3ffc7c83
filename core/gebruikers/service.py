"""Logins, invitations and the principal of a person or a machine client."""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Mapping
from datetime import timedelta
from typing import Any

from sqlalchemy import func, select, update

from core.auth.principal import SCOPES, Principal, Rol
from core.console.sessies import beeindig_sessies
from core.db import db, utcnow, vergrendel
from core.errors import Problem
from core.gebruikers.models import Gebruiker, Lidmaatschap, LidmaatschapStatus, MachineClient
from core.intermediairs.models import IntermediairMedewerker


def normaliseer_email(email: str) -> str:
    return email.strip().lower()


def bij_inloggen(
    issuer: str, userinfo: Mapping[str, Any], *, logius_beheerders: Iterable[str] = ()
) -> Gebruiker:
    """Create or refresh the gebruiker of a login; activate invitations for its e-mail
    (an afnemer's lidmaatschappen and an intermediair's, :class:`IntermediairMedewerker`).

    An invitation only takes effect for an e-mail address the issuer has verified:
    otherwise anyone could claim an invited address at a lax issuer.
    """
    subject = str(userinfo["sub"])
    gebruiker = db.session.execute(
        select(Gebruiker).where(Gebruiker.issuer == issuer, Gebruiker.subject == subject)
    ).scalar_one_or_none()
    if gebruiker is None:
        gebruiker = Gebruiker(issuer=issuer, subject=subject)
        db.session.add(gebruiker)
    email = userinfo.get("email")
    gebruiker.email = normaliseer_email(email) if isinstance(email, str) and email else None
    gebruiker.email_geverifieerd = userinfo.get("email_verified") is True
    gebruiker.naam = userinfo.get("name") or gebruiker.email or subject
    gebruiker.laatst_ingelogd_op = utcnow()
    verified = gebruiker.email if gebruiker.email_geverifieerd else None
    if verified and verified in {normaliseer_email(e) for e in logius_beheerders}:
        gebruiker.logius_rol = Rol.LOGIUS_BEHEERDER.value
    db.session.flush()
    if verified:
        uitnodigingen = db.session.scalars(
            select(Lidmaatschap).where(
                Lidmaatschap.email == verified,
                Lidmaatschap.status == LidmaatschapStatus.UITGENODIGD.value,
            )
        )
        medewerkers = db.session.scalars(
            select(IntermediairMedewerker).where(
                IntermediairMedewerker.email == verified,
                IntermediairMedewerker.status == LidmaatschapStatus.UITGENODIGD.value,
            )
        )
        for lidmaatschap in [*uitnodigingen, *medewerkers]:
            lidmaatschap.gebruiker_id = gebruiker.id
            lidmaatschap.status = LidmaatschapStatus.ACTIEF.value
            lidmaatschap.geaccepteerd_op = utcnow()
    return gebruiker


def actieve_lidmaatschappen(gebruiker_id: uuid.UUID) -> list[Lidmaatschap]:
    return list(
        db.session.scalars(
            select(Lidmaatschap).where(
                Lidmaatschap.gebruiker_id == gebruiker_id,
                Lidmaatschap.status == LidmaatschapStatus.ACTIEF.value,
            )
        )
    )


def intermediair_van(gebruiker_id: uuid.UUID) -> uuid.UUID | None:
    """The intermediair a gebruiker is an active person of, if any (at most one)."""
    return db.session.execute(
        select(IntermediairMedewerker.intermediair_id).where(
            IntermediairMedewerker.gebruiker_id == gebruiker_id,
            IntermediairMedewerker.status == LidmaatschapStatus.ACTIEF.value,
        ).limit(1)
    ).scalar()


def principal_van_gebruiker(gebruiker: Gebruiker, *, methode: str,
                            scopes: Iterable[str] = SCOPES) -> Principal:
    """The principal of a person: their roles at afnemers and at Logius, or, for a person
    of an intermediair, that intermediair's and nothing else.

    A person acts for one kind of party: invitations refuse an e-mail address that is
    live at the other kind (:func:`uitnodigen`,
    ``core.intermediairs.service.nodig_medewerker_uit``). Should a gebruiker still hold
    both (a lidmaatschap and a membership of an intermediair invited at two addresses
    the issuer reported in turn), the intermediair's membership wins and the afnemer and
    Logius roles do not count: the principal then reaches an afnemer only under a
    mandate (``core.intermediairs.toegang``), never more than either grant alone. In the
    console, which shows afnemers by role, such a person sees none.
    """
    naam = gebruiker.naam or gebruiker.email or gebruiker.subject
    intermediair_id = intermediair_van(gebruiker.id)
    if intermediair_id is not None:
        return Principal(
            id=f"intermediair:{intermediair_id}:gebruiker:{gebruiker.id}", naam=naam,
            methode=methode, scopes=frozenset(scopes), intermediair_id=intermediair_id,
        )
    logius = frozenset({Rol(gebruiker.logius_rol)}) if gebruiker.logius_rol else frozenset()
    return Principal(
        id=f"gebruiker:{gebruiker.id}",
        naam=naam,
        methode=methode,
        logius_rollen=logius,
        afnemer_rollen={
            lid.afnemer_id: Rol(lid.rol) for lid in actieve_lidmaatschappen(gebruiker.id)
        },
        scopes=frozenset(scopes),
        productteam_dienst=gebruiker.productteam_dienst,
    )


def principal_van_client(client: MachineClient, token_scopes: Iterable[str]) -> Principal:
    """A machine client acts for its one afnemer, with the scopes both allow; a client of
    an intermediair acts only under the mandates afnemers granted that intermediair."""
    scopes = frozenset(token_scopes) & frozenset(client.scopes)
    if client.intermediair_id is not None:
        return Principal(
            id=f"intermediair:{client.intermediair_id}:client:{client.client_id}",
            naam=client.naam, methode="oidc-client-credentials", scopes=scopes,
            intermediair_id=client.intermediair_id,
        )
    rol = Rol.AFNEMER_BEHEERDER if "write" in scopes else Rol.AFNEMER_MEDEWERKER
    return Principal(
        id=f"client:{client.client_id}",
        naam=client.naam,
        methode="oidc-client-credentials",
        afnemer_rollen={client.afnemer_id: rol},
        scopes=scopes,
    )


#: ``laatst_gebruikt_op`` of a machine client is written at most this often.
GEBRUIK_RESOLUTIE = timedelta(minutes=1)


def principal_van_client_id(issuer: str, client_id: str,
                            token_scopes: Iterable[str]) -> Principal | None:
    """The principal of a client-credentials token, or None for an unknown or revoked client.

    A client id of an issuer is bound to one afnemer or one intermediair
    (:func:`bind_client`). The issuer
    may know many more clients; only bound ones get in.
    """
    client = db.session.execute(
        select(MachineClient).where(MachineClient.issuer == issuer,
                                    MachineClient.client_id == client_id,
                                    MachineClient.ingetrokken_op.is_(None))
    ).scalar_one_or_none()
    if client is None:
        return None
    principal = principal_van_client(client, token_scopes)
    nu = utcnow()
    if client.laatst_gebruikt_op is None or nu - client.laatst_gebruikt_op >= GEBRUIK_RESOLUTIE:
        db.session.execute(
            update(MachineClient).where(MachineClient.id == client.id)
            .values(laatst_gebruikt_op=nu, gewijzigd_op=MachineClient.gewijzigd_op),
            execution_options={"synchronize_session": False},
        )
        db.session.commit()
    return principal


def bind_client(afnemer_id: uuid.UUID | None, client_id: str, naam: str,
                scopes: Iterable[str], *, bewijs: str | None, door: Principal,
                intermediair_id: uuid.UUID | None = None) -> MachineClient:
    """Bind a client id of the configured issuer to an afnemer (or, with
    ``intermediair_id`` and no ``afnemer_id``, to an intermediair: Logius binds those).

    The binding lets the client's tokens act for this afnemer, so whoever binds must
    hold the client: an afnemer sends as ``bewijs`` an access token that the issuer gave
    this client with client credentials (the way a domain is proven before a tenant may
    use it). Without it the answer is the same 400 whether the id is free, bound to
    another afnemer or unknown at the issuer, so no afnemer learns of another's clients
    or takes one. Only whoever holds the client (or Logius, who binds on its own
    authority and sees every afnemer) hears 409 when it is bound already, to an afnemer
    or an intermediair alike: a client id acts for one party at a time.
    """
    from core.auth.middleware import issuer

    if bewijs is not None or not door.is_logius_beheerder:
        _bewijs_van(issuer(), client_id, bewijs)
    bezet = db.session.execute(
        select(MachineClient.id).where(MachineClient.issuer == issuer().url,
                                       MachineClient.client_id == client_id,
                                       MachineClient.ingetrokken_op.is_(None))
    ).scalar()
    if bezet is not None:
        raise Problem(409, "Deze client-id is al aan een afnemer of intermediair gebonden.",
                      code="client-bestaat-al")
    client = MachineClient(afnemer_id=afnemer_id, intermediair_id=intermediair_id,
                           issuer=issuer().url, client_id=client_id, naam=naam,
                           scopes=sorted(set(scopes)), aangemaakt_door=door.naam)
    db.session.add(client)
    return client


#: The one answer to every bewijs that does not prove the client.
BEWIJS_ONGELDIG = ("Geen geldig bewijs voor deze client-id: stuur een onverlopen access token "
                   "dat de identity provider met client credentials aan deze client gaf.")


def _bewijs_van(issuer, client_id: str, bewijs: str | None) -> None:
    """Refuse (400, always in the same words) a bewijs that is not a valid token the
    issuer gave ``client_id`` itself (client credentials, not a person's token)."""
    import requests

    from core.errors import invalid
    from core.oidc.issuer import InvalidToken

    if not bewijs:
        raise invalid("bewijs", BEWIJS_ONGELDIG, code="required")
    try:
        claims = issuer.validate(bewijs)
    except InvalidToken:
        raise invalid("bewijs", BEWIJS_ONGELDIG) from None
    except requests.RequestException:
        raise Problem(503, "De identity provider is niet bereikbaar, dus het bewijs kan nu "
                      "niet worden gecontroleerd. Probeer het later opnieuw.",
                      code="issuer-onbereikbaar", headers={"Retry-After": "30"}) from None
    if claims.get("client_id") != client_id or claims.get("sub", client_id) != client_id:
        raise invalid("bewijs", BEWIJS_ONGELDIG)


def principal_van_subject(issuer: str, subject: str, token_scopes: Iterable[str]) -> Principal | None:
    """The principal of a person's access token: only a gebruiker who has logged in."""
    gebruiker = db.session.execute(
        select(Gebruiker).where(Gebruiker.issuer == issuer, Gebruiker.subject == subject)
    ).scalar_one_or_none()
    if gebruiker is None:
        return None
    return principal_van_gebruiker(gebruiker, methode="oidc-access-token", scopes=token_scopes)


def beheerders_over(afnemer_id: uuid.UUID, *, behalve: uuid.UUID | None = None) -> int:
    query = select(func.count()).select_from(Lidmaatschap).where(
        Lidmaatschap.afnemer_id == afnemer_id,
        Lidmaatschap.status == LidmaatschapStatus.ACTIEF.value,
        Lidmaatschap.rol == Rol.AFNEMER_BEHEERDER.value,
    )
    if behalve is not None:
        query = query.where(Lidmaatschap.id != behalve)
    return db.session.execute(query).scalar_one()


def bewaak_laatste_beheerder(lidmaatschap: Lidmaatschap) -> None:
    """Refuse (409) a change that would leave an afnemer without an active beheerder.

    The afnemer's row is locked first (:func:`core.db.vergrendel`, both engines), so
    two beheerders removing each other at the same moment cannot both succeed.
    """
    from core.afnemers.models import Afnemer

    vergrendel(Afnemer, lidmaatschap.afnemer_id)
    if (
        lidmaatschap.status == LidmaatschapStatus.ACTIEF.value
        and lidmaatschap.rol == Rol.AFNEMER_BEHEERDER.value
        and beheerders_over(lidmaatschap.afnemer_id, behalve=lidmaatschap.id) == 0
    ):
        raise Problem(
            409,
            "Dit is de laatste beheerder van deze afnemer. Maak eerst iemand anders "
            "beheerder.",
            code="laatste-beheerder",
        )


def uitnodigen(afnemer_id: uuid.UUID, email: str, rol: Rol, *, door: Principal) -> Lidmaatschap:
    """Invite an e-mail address with a role; 409 if it already has a live lidmaatschap,
    or is a person of an intermediair (who acts for no afnemer of their own:
    :func:`principal_van_gebruiker`).

    When a gebruiker with this verified address exists, the lidmaatschap is active at
    once; otherwise it becomes active at that person's first login.
    """
    email = normaliseer_email(email)
    bestaand = db.session.execute(
        select(Lidmaatschap.id).where(
            Lidmaatschap.afnemer_id == afnemer_id,
            Lidmaatschap.email == email,
            Lidmaatschap.status != LidmaatschapStatus.BEEINDIGD.value,
        )
    ).scalar()
    if bestaand is not None:
        raise Problem(409, f"{email} is al lid of uitgenodigd bij deze afnemer.",
                      code="al-lid", bestaandLidmaatschap=str(bestaand))
    if medewerker_met_email(email) is not None:
        raise Problem(409, f"{email} hoort bij een intermediair en handelt daarom niet als "
                      "lid van een afnemer.", code="al-lid",
                      invalid_params=[{"name": "email", "code": "unique",
                                       "reason": "Dit e-mailadres hoort bij een intermediair."}])
    gebruiker = db.session.execute(
        select(Gebruiker).where(Gebruiker.email == email, Gebruiker.email_geverifieerd.is_(True))
        .order_by(Gebruiker.aangemaakt_op)
    ).scalars().first()
    lid = Lidmaatschap(
        afnemer_id=afnemer_id, email=email, rol=rol.value, uitgenodigd_door=door.naam,
        status=LidmaatschapStatus.UITGENODIGD.value,
    )
    if gebruiker is not None:
        lid.gebruiker_id = gebruiker.id
        lid.status = LidmaatschapStatus.ACTIEF.value
        lid.geaccepteerd_op = utcnow()
    db.session.add(lid)
    return lid


def medewerker_met_email(email: str) -> IntermediairMedewerker | None:
    """The live (invited or active) membership of an intermediair of this e-mail address."""
    return db.session.execute(
        select(IntermediairMedewerker).where(
            IntermediairMedewerker.email == normaliseer_email(email),
            IntermediairMedewerker.status != LidmaatschapStatus.BEEINDIGD.value,
        )
    ).scalar()


def wijzig_rol(lid: Lidmaatschap, rol: Rol) -> None:
    if lid.status == LidmaatschapStatus.BEEINDIGD.value:
        raise Problem(409, "Een beëindigd lidmaatschap wijzigt niet meer.",
                      code="lidmaatschap-beeindigd")
    if rol.value != lid.rol:
        if rol != Rol.AFNEMER_BEHEERDER:
            bewaak_laatste_beheerder(lid)
        lid.rol = rol.value
        beeindig_sessies(lid.gebruiker_id)  # the console logs in again, with the new role


def beeindig(lid: Lidmaatschap) -> None:
    if lid.status == LidmaatschapStatus.BEEINDIGD.value:
        return
    bewaak_laatste_beheerder(lid)
    lid.status = LidmaatschapStatus.BEEINDIGD.value
    lid.beeindigd_op = utcnow()
    beeindig_sessies(lid.gebruiker_id)
