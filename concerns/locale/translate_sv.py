"""Fill the Swedish msgstr of the concerns and audit catalogues (run after
makemessages from each app directory): `python concerns/locale/translate_sv.py`.
Also adds the strings of the e-mail templates and the flow in workflows/,
which makemessages from the app directory does not see."""

from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parents[2]

EXTRA = [
    "New referral %(reference)s awaiting acknowledgement",
    "Acknowledge by %(due_on)s.",
    "Reminder: referral %(reference)s awaiting acknowledgement",
    "Referral %(reference)s must be acknowledged today (%(due_on)s).",
    "Referral %(reference)s not acknowledged in time",
    "A referral for %(reference)s was not acknowledged by %(due_on)s.",
    "Referral %(reference)s has been acknowledged",
    "A receiver has acknowledged the referral for %(reference)s.",
    "Violent-extremism concern", "Routing", "Close with outcome",
]

SV = {
    "New referral %(reference)s awaiting acknowledgement":
        "Ny remiss %(reference)s väntar på kvittens",
    "Acknowledge by %(due_on)s.": "Kvittera senast %(due_on)s.",
    "Reminder: referral %(reference)s awaiting acknowledgement":
        "Påminnelse: remiss %(reference)s väntar på kvittens",
    "Referral %(reference)s must be acknowledged today (%(due_on)s).":
        "Remiss %(reference)s ska kvitteras i dag (%(due_on)s).",
    "Referral %(reference)s not acknowledged in time":
        "Remiss %(reference)s har inte kvitterats i tid",
    "A referral for %(reference)s was not acknowledged by %(due_on)s.":
        "En remiss för %(reference)s kvitterades inte senast %(due_on)s.",
    "Referral %(reference)s has been acknowledged": "Remiss %(reference)s har kvitterats",
    "A receiver has acknowledged the referral for %(reference)s.":
        "En mottagare har kvitterat remissen för %(reference)s.",
    "Violent-extremism concern": "Oro för våldsbejakande extremism",
    "Routing": "Vägval",
    "Close with outcome": "Avsluta med utfall",
    "Violent-extremism concerns": "Oro för våldsbejakande extremism",
    "Concerns": "Oro-ärenden",
    "Phone call": "Telefonsamtal",
    "E-mail": "E-post",
    "Meeting": "Möte",
    "Moved over from EST triage": "Överförd från EST-sortering",
    "Staff form": "Personalformulär",
    "Under 13": "Under 13",
    "13–17": "13–17",
    "18–25": "18–25",
    "Over 25": "Över 25",
    "Unknown": "Okänd",
    "Right-wing": "Högerextremism",
    "Left-wing": "Vänsterextremism",
    "Islamist": "Islamistisk extremism",
    "Unclear": "Oklart",
    "Other": "Annat",
    "Low": "Låg",
    "Normal": "Normal",
    "High": "Hög",
    "New, awaiting triage": "Ny, väntar på bedömning",
    "Triaged, being routed": "Bedömd, under hantering",
    "Closed": "Avslutad",
    "Support from social services": "Stöd från socialtjänsten",
    "Exit support": "Avhopparstöd",
    "Handed over to the police": "Överlämnad till polisen",
    "No action": "Ingen åtgärd",
    "Consultation only": "Endast konsultation",
    "Referral to social services": "Remiss till socialtjänsten",
    "Police": "Polisen",
    "No action / consultation": "Ingen åtgärd / konsultation",
    "Support (social services)": "Stöd (socialtjänsten)",
    "Awaiting acknowledgement": "Väntar på kvittens",
    "Accepted": "Accepterad",
    "Declined": "Avböjd",
    "Intervention ongoing": "Insats pågår",
    "Intervention finished": "Insats avslutad",
    "Tip line 114 14": "Tipsnummer 114 14",
    "Emergency 112": "Larmnummer 112",
    "Community police officer": "Kommunpolis",
    "Source": "Källa",
    "Optional. Record only what is needed.": "Frivilligt. Registrera bara det som behövs.",
    "Optional. YYYYMMDD-XXXX.": "Frivilligt. ÅÅÅÅMMDD-XXXX.",
    "Kind": "Typ",
    "Receiving unit": "Mottagande enhet",
    "Receiving person": "Mottagande person",
    "A named person, or leave empty to address the whole unit.":
        "En namngiven person, eller lämna tomt för att skicka till hela enheten.",
    "What the referral needs": "Vad remissen gäller",
    "Only what the receiver needs to act.": "Bara det mottagaren behöver för att agera.",
    "A concern report (orosanmälan) has been made to social services":
        "En orosanmälan har gjorts till socialtjänsten",
    "Concern report made on": "Orosanmälan gjord den",
    "Choose a receiving unit or person.": "Välj mottagande enhet eller person.",
    "A child is concerned: you have a duty to make a concern report (orosanmälan) to "
    "social services. Make it and record it here.":
        "Det gäller ett barn: du har skyldighet att göra en orosanmälan till "
        "socialtjänsten. Gör den och registrera den här.",
    "The date cannot be in the future.": "Datumet kan inte ligga i framtiden.",
    "Handed over on": "Överlämnad den",
    "Channel": "Kanal",
    "Police reference": "Polisens diarienummer",
    "Reason": "Skäl",
    "Outcome": "Utfall",
    "Decision": "Beslut",
    "Accept the referral": "Acceptera remissen",
    "Decline the referral": "Avböj remissen",
    "Reason for declining": "Skäl för att avböja",
    "Give a reason for declining.": "Ange skäl för att avböja.",
    "Status": "Status",
    "reference": "diarienummer",
    "status": "status",
    "source": "källa",
    "EST report": "EST-rapport",
    "raised by (role)": "anmälare (roll)",
    "raised by (organisation)": "anmälare (organisation)",
    "contact details of the person raising it": "anmälarens kontaktuppgifter",
    "name of the person concerned": "namn på den det gäller",
    "personal identity number": "personnummer",
    "age group": "åldersgrupp",
    "a child (under 18) is concerned": "gäller ett barn (under 18)",
    "environment": "miljö",
    "indicators observed": "observerade indikatorer",
    "a crime is suspected": "misstänkt brott",
    "urgency": "brådska",
    "risk assessment": "riskbedömning",
    "triaged": "bedömd",
    "handed to the police on": "överlämnad till polisen den",
    "channel": "kanal",
    "police reference": "polisens diarienummer",
    "reason for no action": "skäl för ingen åtgärd",
    "no action / consultation only": "ingen åtgärd / endast konsultation",
    "outcome": "utfall",
    "closed": "avslutad",
    "dispose of personal data on": "gallra personuppgifter den",
    "personal data disposed of": "personuppgifter gallrade",
    "recorded by": "registrerad av",
    "recorded": "registrerad",
    "updated": "uppdaterad",
    "concern": "oro-ärende",
    "concerns": "oro-ärenden",
    "kind": "typ",
    "receiving unit": "mottagande enhet",
    "receiving person": "mottagande person",
    "what the referral needs": "vad remissen gäller",
    "a concern report (orosanmälan) has been made": "orosanmälan har gjorts",
    "concern report made on": "orosanmälan gjord den",
    "sent by": "skickad av",
    "sent": "skickad",
    "acknowledge by": "kvittera senast",
    "acknowledged": "kvitterad",
    "acknowledged by": "kvitterad av",
    "reason for declining": "skäl för att avböja",
    "escalated": "eskalerad",
    "status reported back": "återrapporterad status",
    "status reported": "status rapporterad",
    "referral": "remiss",
    "referrals": "remisser",
    "when": "när",
    "who": "vem",
    "event": "händelse",
    "concern process": "process för oro-ärende",
    "concern processes": "processer för oro-ärenden",
    "%(n)s referrals past their deadline": "%(n)s remisser har passerat sista kvittensdag",
    "Concerns awaiting triage": "Oro-ärenden som väntar på bedömning",
    "Nothing to triage.": "Inget att bedöma.",
    "Referrals to acknowledge": "Remisser att kvittera",
    "No referrals waiting.": "Inga remisser väntar.",
    "Enter a valid personal identity number (YYYYMMDD-XXXX).":
        "Ange ett giltigt personnummer (ÅÅÅÅMMDD-XXXX).",
    "The concern is closed. Reopen it before changing it.":
        "Ärendet är avslutat. Återöppna det innan du ändrar det.",
    "Triage the concern before choosing a route.": "Bedöm ärendet innan du väljer väg.",
    "Choose the kind of referral.": "Välj typ av remiss.",
    "A child is concerned: make a concern report (orosanmälan) to social services and "
    "record it before referring.":
        "Det gäller ett barn: gör en orosanmälan till socialtjänsten och registrera den "
        "innan du remitterar.",
    "Nobody with an e-mail address receives referrals for that unit.":
        "Ingen med e-postadress tar emot remisser för den enheten.",
    "The referral has already been acknowledged.": "Remissen är redan kvitterad.",
    "Choose a status.": "Välj en status.",
    "Only an accepted referral can report status.":
        "Status kan bara återrapporteras för en accepterad remiss.",
    "Give a reason.": "Ange ett skäl.",
    "Choose an outcome.": "Välj ett utfall.",
    "Choose a route (referral, police or no action) before closing.":
        "Välj en väg (remiss, polis eller ingen åtgärd) innan du avslutar.",
    "The concern is not closed.": "Ärendet är inte avslutat.",
    "The personal data of this concern has been disposed of; it cannot be reopened.":
        "Personuppgifterna i ärendet är gallrade; det kan inte återöppnas.",
    "Save": "Spara",
    "Cancel": "Avbryt",
    "Not available right now": "Inte tillgängligt just nu",
    "The access log cannot be written at the moment, so nothing is shown. Try again "
    "shortly; contact the system administrator if it persists.":
        "Åtkomstloggen kan inte skrivas just nu, därför visas ingenting. Försök igen om "
        "en stund; kontakta systemförvaltaren om det kvarstår.",
    "Close the concern": "Avsluta ärendet",
    "Closing records the outcome and sets the date when the personal data will be "
    "disposed of.":
        "Vid avslut registreras utfallet och datumet då personuppgifterna gallras.",
    "Close": "Avsluta",
    "Concern": "Oro-ärende",
    "Personal data disposed of": "Personuppgifter gallrade",
    "A crime is suspected: the police come first. Tips 114 14, emergencies 112.":
        "Brott misstänks: polisen först. Tips 114 14, akut 112.",
    "Reopen": "Återöppna",
    "Triage": "Bedöm",
    "Revise the triage": "Ändra bedömningen",
    "Refer to social services": "Remittera till socialtjänsten",
    "Hand over to the police": "Överlämna till polisen",
    "Intake": "Mottagning",
    "Recorded": "Registrerad",
    "Raised by": "Anmälare",
    "Person concerned": "Den det gäller",
    "Age group": "Åldersgrupp",
    "a child is concerned": "gäller ett barn",
    "Environment": "Miljö",
    "Indicators observed": "Observerade indikatorer",
    "Crime suspected": "Misstänkt brott",
    "yes,no": "ja,nej",
    "Urgency": "Brådska",
    "Triaged": "Bedömd",
    "Risk assessment": "Riskbedömning",
    "Not triaged yet.": "Inte bedömd ännu.",
    "Routes": "Vägval",
    "Handed over to the police on %(day)s (%(channel)s).":
        "Överlämnad till polisen %(day)s (%(channel)s).",
    "No action / consultation only": "Ingen åtgärd / endast konsultation",
    "Referrals": "Remisser",
    "Referral": "Remiss",
    "To": "Till",
    "Sent": "Skickad",
    "Acknowledge by": "Kvittera senast",
    "Acknowledgement": "Kvittens",
    "Status reported back": "Återrapporterad status",
    "overdue": "försenad",
    "No referrals.": "Inga remisser.",
    "Dispose of personal data on": "Gallra personuppgifter den",
    "History": "Historik",
    "system": "systemet",
    "Back to the concern": "Tillbaka till ärendet",
    "Record a concern": "Registrera oro",
    "Record only what is needed. If a crime is suspected, contact the police first: tips "
    "114 14, emergencies 112.":
        "Registrera bara det som behövs. Om brott misstänks, kontakta polisen först: "
        "tips 114 14, akut 112.",
    "Need-to-know only. Every look at a concern is logged.":
        "Endast behörighet efter behov. Varje läsning av ett ärende loggas.",
    "Export CSV": "Exportera CSV",
    "All": "Alla",
    "Filter": "Filtrera",
    "Reference": "Diarienummer",
    "Personal identity number": "Personnummer",
    "handed to the police": "överlämnad till polisen",
    "No concerns.": "Inga oro-ärenden.",
    "Hand-off to the police": "Överlämning till polisen",
    "When a crime is suspected the police come first: tips 114 14, emergencies 112. "
    "Record how and when the concern was handed over.":
        "När brott misstänks kommer polisen först: tips 114 14, akut 112. Registrera hur "
        "och när ärendet överlämnades.",
    "Raise a concern about violent extremism": "Anmäl oro för våldsbejakande extremism",
    "Are you worried that someone is part of, or being drawn into, a violent extremist "
    "environment? Tell the safety coordinator here. What you send goes only to the "
    "coordinator; you will not be able to see it afterwards.":
        "Är du orolig för att någon ingår i, eller dras in i, en våldsbejakande miljö? "
        "Berätta för trygghetssamordnaren här. Det du skickar går bara till "
        "samordnaren; du kan inte se det efteråt.",
    "If a crime is suspected, contact the police: tips 114 14, emergencies 112.":
        "Om brott misstänks, kontakta polisen: tips 114 14, akut 112.",
    "Send to the coordinator": "Skicka till samordnaren",
    "Thank you": "Tack",
    "Your concern has been received by the safety coordinator, who will contact you if "
    "needed.":
        "Trygghetssamordnaren har tagit emot din anmälan och kontaktar dig vid behov.",
    "Back to the start page": "Tillbaka till startsidan",
    "Triage and risk assessment": "Bedömning och riskbedömning",
    "Concern report (orosanmälan)": "Orosanmälan",
    "made on %(day)s": "gjord %(day)s",
    "Acknowledge": "Kvittera",
    "Send acknowledgement": "Skicka kvittens",
    "Report status back": "Återrapportera status",
    "Report the status only, never the content of the social-services case.":
        "Rapportera bara status, aldrig innehållet i socialtjänstens ärende.",
    "Report status": "Rapportera status",
    "Open the concern": "Öppna ärendet",
    "The receiver gets an e-mail with the reference and a link only, and must "
    "acknowledge within two working days.":
        "Mottagaren får ett e-postmeddelande med bara diarienummer och länk, och ska "
        "kvittera inom två arbetsdagar.",
    "A child is concerned": "Det gäller ett barn",
    "Anyone working in a municipality must report to social services at once when they "
    "learn that a child may need protection (orosanmälan, 14 kap. 1 § socialtjänstlagen). "
    "Make the report and record it below; the referral cannot be sent without it.":
        "Den som arbetar i en kommun ska genast anmäla till socialtjänsten när hen får "
        "veta att ett barn kan behöva skydd (orosanmälan, 14 kap. 1 § socialtjänstlagen). "
        "Gör anmälan och registrera den nedan; remissen kan inte skickas utan den.",
    "Send referral": "Skicka remiss",
    "Referrals about violent extremism addressed to you. Acknowledge each within the "
    "deadline.":
        "Remisser om våldsbejakande extremism till dig. Kvittera var och en i tid.",
    "Concern %(ref)s recorded.": "Oro-ärende %(ref)s registrerat.",
    "Triage saved.": "Bedömningen sparad.",
    "Referral sent. The receiver has been notified.":
        "Remissen skickad. Mottagaren har aviserats.",
    "Hand-off to the police recorded.": "Överlämningen till polisen registrerad.",
    "No action recorded.": "Ingen åtgärd registrerad.",
    "Concern closed.": "Ärendet avslutat.",
    "Concern reopened.": "Ärendet återöppnat.",
    "Acknowledgement sent to the coordinator.": "Kvittensen skickad till samordnaren.",
    "Status reported to the coordinator.": "Status rapporterad till samordnaren.",
    "Routes of the concern": "Ärendets vägval",
    "Referral sent": "Remiss skickad",
    "Referral accepted": "Remiss accepterad",
    "Referral declined": "Remiss avböjd",
    "Referral escalated (not acknowledged in time)":
        "Remiss eskalerad (inte kvitterad i tid)",
    "Reopened": "Återöppnad",
    "The person does not belong to the chosen unit.":
        "Personen hör inte till den valda enheten.",
    "Raise a concern": "Anmäl oro",
    "Statistics": "Statistik",
    "Anonymous statistics": "Anonym statistik",
    "Counts under 5 are shown as <5.": "Antal under 5 visas som <5.",
    "Quarter": "Kvartal",
    "Dimension": "Dimension",
    "Value": "Värde",
    "Count": "Antal",
    "No concerns in the period.": "Inga oro-ärenden under perioden.",
    "route": "väg",
    # audit
    "Access log": "Åtkomstlogg",
    "User name": "Användarnamn",
    "Action": "Händelse",
    "From": "Från",
    "Saved view": "Sparad vy",
    "All rows": "Alla rader",
    "Reads by users without a referral": "Läsningar av användare utan remiss",
    "The start date must not be after the end date.":
        "Startdatum får inte vara efter slutdatum.",
    "listed": "listade",
    "read": "läste",
    "exported": "exporterade",
    "read via API": "läste via API",
    "created": "skapade",
    "changed": "ändrade",
    "deleted": "raderade",
    "referral sent": "remiss skickad",
    "referral accepted": "remiss accepterad",
    "referral declined": "remiss avböjd",
    "referral status reported": "remissstatus återrapporterad",
    "access denied": "åtkomst nekad",
    "coordinator": "samordnare",
    "deputy": "ersättare",
    "addressed receiver": "adresserad mottagare",
    "staff form (create only)": "personalformulär (endast skapa)",
    "no basis": "saknar grund",
    "user id": "användar-id",
    "user": "användare",
    "action": "händelse",
    "basis": "grund",
    "object type": "objekttyp",
    "object id": "objekt-id",
    "IP address": "IP-adress",
    "path": "sökväg",
    "access log entry": "loggrad",
    "access log entries": "loggrader",
    "Every read, change and referral handshake on violent-extremism concerns. The log "
    "cannot be changed or deleted.":
        "Varje läsning, ändring och remisshantering i oro-ärenden. Loggen kan inte ändras "
        "eller raderas.",
    "Filter the log": "Filtrera loggen",
    "When": "När",
    "User": "Användare",
    "Basis": "Grund",
    "Object": "Objekt",
    "No rows match.": "Inga rader matchar.",
    "Invalid filter.": "Ogiltigt filter.",
    "User id": "Användar-id",
    "Object type": "Objekttyp",
    "Object id": "Objekt-id",
}


def fill(path: Path, extra=()):
    po = polib.pofile(str(path))
    # makemessages marks the hand-added entries obsolete: bring them back.
    for entry in po.obsolete_entries():
        if entry.msgid in extra:
            entry.obsolete = False
    known = {e.msgid for e in po}
    for msgid in extra:
        if msgid not in known:
            po.append(polib.POEntry(msgid=msgid, msgstr=""))
    missing = []
    for entry in po:
        if entry.msgid in SV:
            entry.msgstr = SV[entry.msgid]
            if "fuzzy" in entry.flags:
                entry.flags.remove("fuzzy")
        elif not entry.msgstr:
            missing.append(entry.msgid)
    po.metadata["Language"] = "sv"
    po.metadata["Content-Type"] = "text/plain; charset=UTF-8"
    po.save()
    return missing


if __name__ == "__main__":
    missing = fill(ROOT / "concerns/locale/sv/LC_MESSAGES/django.po", EXTRA)
    missing += fill(ROOT / "audit/locale/sv/LC_MESSAGES/django.po")
    for msgid in missing:
        print("MISSING:", msgid)
