"""The kg ontology's terms (generated from ontology/kg.ttl by `python -m kg.rdf.generate`; do not edit)."""

from rdflib.namespace import DefinedNamespace, Namespace
from rdflib.term import URIRef


class KG(DefinedNamespace):
    """Closed namespace: a term that is not in ontology/kg.ttl raises AttributeError."""

    _fail = True
    _NS = Namespace("https://example.org/kg/ontology#")

    Actor: URIRef
    ActorPair: URIRef
    Article: URIRef
    Claim: URIRef
    Contact: URIRef
    Country: URIRef
    DeputyForeignMinister: URIRef
    DeputyHeadOfPoliticalBureau: URIRef
    DeputyPrimeMinister: URIRef
    DeputySecretaryGeneral: URIRef
    Evidence: URIRef
    ForeignMinister: URIRef
    HeadOfPoliticalBureau: URIRef
    InstitutionalContact: URIRef
    Interaction: URIRef
    KnownPosition: URIRef
    Letter: URIRef
    Meeting: URIRef
    Organization: URIRef
    Person: URIRef
    PhoneCall: URIRef
    Place: URIRef
    President: URIRef
    PressConference: URIRef
    PrimeMinister: URIRef
    RoleAssertion: URIRef
    SecretaryGeneral: URIRef
    SharedInterlocutor: URIRef
    VicePresident: URIRef
    Visit: URIRef
    acting: URIRef
    affiliatedWith: URIRef
    approximateDate: URIRef
    attestedOn: URIRef
    cites: URIRef
    claimForm: URIRef
    coParticipant: URIRef
    coPresentWith: URIRef
    confidence: URIRef
    contactSheet: URIRef
    country: URIRef
    cue: URIRef
    date: URIRef
    dateCalendar: URIRef
    datePrecision: URIRef
    dateText: URIRef
    diedOn: URIRef
    end: URIRef
    endDate: URIRef
    evidence: URIRef
    excludes: URIRef
    fileName: URIRef
    firstContact: URIRef
    firstDate: URIRef
    guest: URIRef
    hasPart: URIRef
    holder: URIRef
    holds: URIRef
    host: URIRef
    inArticle: URIRef
    inKnowledgeBase: URIRef
    interactedWith: URIRef
    involvedIn: URIRef
    involves: URIRef
    language: URIRef
    lastContact: URIRef
    lastDate: URIRef
    level: URIRef
    madeClaim: URIRef
    madeIn: URIRef
    mentions: URIRef
    metWith: URIRef
    occasion: URIRef
    partOf: URIRef
    participant: URIRef
    participatesIn: URIRef
    place: URIRef
    postLabel: URIRef
    present: URIRef
    presentAt: URIRef
    published: URIRef
    publisher: URIRef
    roleHeld: URIRef
    roleLabel: URIRef
    roleOf: URIRef
    rule: URIRef
    sentence: URIRef
    sha256: URIRef
    singleHolderPost: URIRef
    sortRank: URIRef
    source: URIRef
    speaker: URIRef
    spokeByPhoneWith: URIRef
    start: URIRef
    startDate: URIRef
    text: URIRef
    through: URIRef
    title: URIRef
    titleText: URIRef
    via: URIRef
    wikidata: URIRef


# terms that are Python-unfriendly as attributes
KG_A = URIRef("https://example.org/kg/ontology#a")
KG_B = URIRef("https://example.org/kg/ontology#b")
