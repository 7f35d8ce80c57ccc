"""The school's "Protocol sociale media en internetgebruik 2022-2024", as the portal's version 1.0.

The project's own structured copy of the adopted document (the original is kept in
tests/policy/protocol_2022_2024.txt, which the tests compare against word for word). Only the data
migration 0002 reads this module; later versions live in the database, so this file must never be
edited to change the protocol (a change means a new version, made in the portal).

Structure decisions, all about layout, none about wording:
- a bullet split over a page break ("... aan school gerelateerde" / "situaties, waarop ...") is one
  bullet;
- bullets that lost their indentation after a page break stay in the sub-section they are in;
- the five bold bullets under "Regels ..." are its sub-sections (their titles);
- the four indented bullets of the Samenvatting stay nested under its first bullet;
- the cover (title, period, dates, voorzitter) is the version's metadata, not a section.
"""

import datetime

TITLE = "Protocol sociale media en internetgebruik"
PERIOD = "2022-2024"
ADOPTED_ON = datetime.date(2022, 6, 1)  # "Vastgesteld door directie: Juni 2022"
# The cover says "September 022": a misprint for 2022, the only thing corrected.
APPROVED_ON = datetime.date(2022, 9, 1)
REVIEW_ON = datetime.date(2024, 6, 1)  # "Beleid te herzien: Juni 2024"
EFFECTIVE_FROM = datetime.date(2022, 9, 1)
CHAIR_NAME = "Margreet Lommerts"

# Each section: key (stable across versions), title, Markdown body, style, sub-sections.
SECTIONS = [
    {
        "key": "inleiding",
        "title": "Inleiding",
        "style": "normaal",
        "body": """\
Sociale media is een verzamelbegrip voor online (computertechnologie) platformen waar de gebruikers, zonder of met minimale tussenkomst van een professionele redactie, de inhoud verzorgen en die (laagdrempelige) interactie tussen de gebruikers mogelijk maken. Onder de noemer sociale media worden onder andere blogs (weblogs), social bookmarking, videosites zoals bijv. YouTube, internetfora, op samenwerking gebaseerde projecten als Wikipedia, en sociale netwerken zoals Facebook, Instagram, LinkedIn, Twitter en Google+ geschaard. Ook Whatsapp en Signal vallen onder dit protocol. Via deze media delen mensen verhalen, kennis en ervaringen. Dit doen zij door berichten te publiceren of door gebruik te maken van ingebouwde reactiemogelijkheden.

In de context van scholen, bieden sociale media de mogelijkheid om te laten zien dat je bijvoorbeeld trots bent op je eigen school en kunnen een bijdrage leveren aan een positief imago van de school. Van belang is te beseffen dat je met berichten op sociale media (onbewust) de goede naam van de school, en betrokkenen ook kunt schaden. Om deze reden vragen wij om uiteraard bewust met de sociale media om te gaan.

Basisschool Prinses Juliana vertrouwt erop dat haar medewerkers, leerlingen, ouders/verzorgers plus andere betrokkenen verantwoord omgaan met sociale media en heeft dit protocol opgezet om iedereen die bij de school betrokken is, of zich daarbij betrokken voelt, daarvoor enige richtlijnen te geven.

Kinderen maken gebruik van internet ter verrijking van het onderwijs: om bijvoorbeeld informatie te zoeken, werkstukken te maken en deskundigen te kunnen 'raadplegen'. Software in gebruik op school verwijst meer en meer naar internetsites voor aanvullend, actueel en alternatief materiaal. Internetactiviteiten worden hiermee steeds meer onderdeel van methodes en leergangen. De software bij (leer)methodes kan in de toekomst door kinderen ook via internet gebruikt worden.

De Julianaschool volgt een strategie van begeleiden, confronteren en aansturen van de leerlingen in plaats van filteren van het gebruik van het internet. Restrictieve software (met filters) is vaak niet waterdicht en beperkt vaak ook de toegang tot nuttige sites. Het gaat erom dat de kinderen ook de goede kanten van internet leren kennen, maar dat de risico's van internetgebruik zo klein mogelijk worden gehouden. Daarom bespreken we met de kinderen onze 'internetregels'.

Op de Julianaschool werken de leerlingen in hun eigen digitale leeromgeving genaamd MOO (Mijn Omgeving Online). Dat houdt in dat kinderen niet in bestanden van iemand anders kunnen werken. De leerkracht houdt het overzicht. Hij/zij is de beheerder van MOO in de groep. Naast het hanteren van het sociale media protocol biedt dit netwerk ook mogelijkheden tot controle. De kinderen kunnen hiermee in de klas - en dus in het zicht van de leerkracht - veilig surfen op het net.\
""",
    },
    {
        "key": "samenvatting",
        "title": "Samenvatting van het protocol",
        "style": "normaal",
        "body": """\
- Basisschool Prinses Juliana onderkent het belang van sociale media.
    - Dit protocol draagt bij aan een goed en veilig school- en onderwijsklimaat;
    - Dit protocol bevordert dat de medewerkers, leerlingen en ouders op de sociale media en internet communiceren in het verlengde van de missie en visie van de school en daarbij de reguliere fatsoensnormen in acht nemen. Dit betekent dat we respect voor de school en elkaar hebben, dat we verdraagzaam zijn en iedereen in zijn waarde laten;
    - De gebruikers van sociale media dienen rekening te houden met de goede naam van de school en van iedereen die hierbij betrokken is;
    - Het protocol dient de school, haar medewerkers, leerlingen en ouders/verzorgers van de leerlingen te beschermen tegen mogelijke negatieve gevolgen van sociale media.\
""",
    },
    {
        "key": "doelgroep-en-reikwijdte",
        "title": "Doelgroep en reikwijdte",
        "style": "normaal",
        "body": """\
- Deze richtlijnen zijn bedoeld voor alle betrokkenen die deel uitmaken van de Basisschool Prinses Juliana dat wil zeggen: medewerkers, leerlingen, ouders/verzorgers en iedereen die op een andere manier verbonden is met onze school.\
""",
    },
    {
        "key": "regels",
        "title": "Regels gebruik sociale media, internet- en e-mailgebruik, voor medewerkers, leerlingen, ouders en alle andere betrokkenen bij de Julianaschool",
        "style": "normaal",
        "body": "",
        "children": [
            {
                "key": "voor-alle-gebruikers",
                "title": "Voor alle gebruikers (medewerkers, leerlingen en ouders/verzorgers)",
                "style": "normaal",
                "body": """\
- Het is medewerkers en leerlingen niet toegestaan om tijdens de lessen actief te zijn op sociale media, tenzij door de schoolleiding of leerkrachten hiervoor vooraf toestemming is gegeven.
- Het is betrokkenen toegestaan om, met inachtneming van de nodige terughoudendheid, kennis en informatie over school en de leden van de school te delen, mits het geen persoonsgegevens betreft en andere betrokkenen niet schaadt.
- De betrokkene is persoonlijk verantwoordelijk voor de inhoud die hij/zij publiceert op de sociale media.
- Elke betrokkene dient zich ervan bewust te zijn dat de gepubliceerde teksten en uitlatingen voor onbepaalde tijd openbaar zullen zijn, zelfs ook na verwijdering van het bericht.
- De school vraagt aantoonbaar schriftelijke toestemming aan medewerkers en ouders om foto-, film- en geluidsopnamen van aan school gerelateerde situaties, waarop zij zijn afgebeeld, op de school- en/of persoonlijke sociale media te zetten.
- In dit kader is het ouders niet toegestaan om foto-, film- en geluidsopnamen te maken binnen de school. Tijdens optredens, feesten en evenementen buiten op het schoolplein of in de gymzaal is dit wel toegestaan (in overleg).
- Het is medewerkers toegestaan om met een privé account via sociale media te communiceren met leerlingen en ouders. Dit doen zij vanuit een professionele en transparante houding en alleen indien dit functioneel is in de betreffende situatie.
- Alle betrokkenen nemen de reguliere fatsoensnormen tegenover betrokkenen in de school in acht. Als fatsoensnormen worden overschreden (bijvoorbeeld: hacken van een account, pesten, kwetsen, stalken, bedreigen, radicalisering, in diskrediet brengen of anderszins beschadigen) zal de school optreden.\
""",
            },
            {
                "key": "communicatie-school-en-ouders",
                "title": "Communicatie tussen de school en ouders, en ouders onderling",
                "style": "normaal",
                "body": """\
- De Prinses Julianaschool maakt voor de communicatie met ouders zoveel mogelijk gebruik van het platform Parro (www.talk.parro.com). Parro is een besloten account waar alleen ouders van de desbetreffende groep toegang tot hebben. Ze dienen hiervoor uitgenodigd te zijn door de leerkracht.
- Via dit programma, dat gebruikt kan worden via een app en/of computer, ontvangt u bijv. de nieuwsbrief en berichten uit de klas.
- Ook kan via Parro de schoolkalender geraadpleegd worden en kunnen ouders zich inschrijven voor oudergesprekken en aanmelden voor schoolactiviteiten.
- Ouders ontvangen van de leerkracht of de administratie een uitnodiging voor Parro via de mail. In deze mail staat een koppelcode waarmee men een account kan maken. Meerdere kinderen kunnen gekoppeld worden aan één account.
- Wanneer foto's en filmpjes, door de leerkrachten of door ouders gemaakt, op Parro worden geplaatst, gebeurt dat door de leerkracht. Deze zorgt dat alleen de kinderen waarvan de ouders daarvoor toestemming hebben gegeven herkenbaar in beeld komen.
- In voorkomende gevallen kan de school ook op andere manieren, bijvoorbeeld via e-mail, met ouders communiceren, bijvoorbeeld wanneer bestanden moeten worden toegevoegd.
- Voor het goed ontvangen van alle informatie is het belangrijk dat uw contactgegevens in dit systeem actueel zijn. Mocht u een nieuw mailadres hebben of ontvangt u nog geen nieuwsbrief, dan kunt u hiervoor contact opnemen met de administratie om de gegevens in het systeem aan te passen.
- De Whatsapp groepen van de klassen zijn geen officieel communicatiekanaal van de Julianaschool. We verwachten dat ouders verantwoordelijk omgaan met Whatsapp en andere sociale media, terughoudendheid betrachten bij het delen van foto's en filmpjes van leerlingen en leerkrachten en dat berichten en beelden slechts in beperkte kring/voor huiselijk gebruik wordt gedeeld.
- Wij verwachten verder van ouders dat zij zich op de hoogte stellen van hun rechten en plichten over de huidige, strenge privacywetgeving (over het verspreiden van beeldmateriaal is online veel informatie te verkrijgen).\
""",
            },
            {
                "key": "specifiek-voor-medewerkers",
                "title": "Specifiek voor medewerk(st)ers tijdens werksituaties",
                "style": "normaal",
                "body": """\
- Medewerk(st)ers hebben een bijzondere verantwoordelijkheid bij het gebruik van sociale media: privé-meningen van medewerk(st)ers kunnen eenvoudig verward worden met de officiële standpunten van de onderwijsinstelling.
- Als online communicatie dreigt te ontsporen dient de medewerk(st)er direct contact op te nemen met zijn leidinggevende om de te volgen strategie te bespreken.
- Bij twijfel of een publicatie in strijd is met deze richtlijnen neemt de medewerk(st)er contact op met de directie.
- Het is voor medewerk(st)ers niet toegestaan standpunten en/of overtuigingen uit te dragen die in strijd zijn met de missie en visie van de school en de uitgangspunten van dit protocol.
- Indien de medewerk(st)er deelneemt aan een discussie die (op enigerlei wijze) te maken heeft met de school dient hij te vermelden dat hij medewerk(st)er is van de school.
- Als de medewerk(st)er over de school publiceert, dient hij/zij het bericht te voorzien van de mededeling dat de standpunten en meningen in het bericht de persoonlijke mening zijn (op persoonlijke titel geschreven) en los staan van eventuele officiële standpunten van de scholen.
- Leerkrachten kunnen kennis en informatie delen. Het digitale gedrag op sociale media wijkt niet af van het ´real life´ gedrag binnen de school.
- Bij onderwerpen over het onderwijs maken medewerk(st)ers duidelijk of zij op persoonlijke titel of namens de school publiceren.
- Medewerk(st)ers publiceren geen vertrouwelijke informatie op sociale media.
- Leerkrachten gaan niet in discussie met een leerling of ouder op sociale media.
- Medewerk(st)ers van de school zijn persoonlijk verantwoordelijk voor wat zij publiceren.
- Bij twijfel over een publicatie of over de raakvlakken met de school zoeken medewerk(st)ers contact met de directie.
- De school zorgt ook digitaal voor een veilig klimaat en communiceert met medewerk(st)ers, leerlingen en ouders hoe zij dit doet.\
""",
            },
            {
                "key": "specifiek-voor-leerlingen",
                "title": "Specifiek voor leerlingen tijdens schoolsituaties",
                "style": "normaal",
                "body": """\
- Vraag eerst aan de leerkracht of je op internet mag. Vertel er meteen bij wat je er wilt gaan zoeken.
- Als je op een chromebook werkt: log altijd in op je eigen MOO.
- Typ geen woorden in die je toch niet op wilt zoeken. Je komt dan snel op een 'verkeerde' pagina.
- Het bewust bezoeken van sites met racisme, geweld of seks is verboden.
- Soms kom je per ongeluk op een verkeerde site. Niks aan te doen. Meteen wegklikken en het even melden aan de leerkracht.
- Vertel het de leerkracht meteen als je informatie tegenkomt waardoor je je niet prettig voelt. Als je je aan de afspraken houdt, dan is het niet jouw schuld dat je zulke informatie tegenkomt.
- Geef nooit persoonlijke informatie op het internet, zoals naam, adres, telefoonnummer, e-mailadres, wachtwoorden of pincodes.
- Verstuur geen berichten met een foto van jezelf of anderen.
- Niets mag worden gedownload van het internet; geen bestanden, geen software, geen muziek.
- Loopt het chromebook vast of krijg je een virusmelding? Kom het meteen vertellen.
- Tijdens pauzes en na schooltijd wordt er niet op de chromebooks of iPads gewerkt.
- We willen de chromebooks en iPads nog heel lang in de school hebben. Ga er dus voorzichtig mee om.
- Klaar? Log uit en sluit het chromebook af (iPads hoeven niet uitgeschakeld te worden).\
""",
            },
            {
                "key": "internet-en-e-mail-op-school",
                "title": "Gebruik van internet en e-mail op school",
                "style": "normaal",
                "body": """\
- Internet wordt gebruikt voor educatieve doeleinden.
- Er worden door leerkrachten en kinderen alleen sites bekeken die aan de algemene fatsoensnormen voldoen (geen geweld, discriminatie, grof taalgebruik, enzovoort).
- De leerkracht legt aan de kinderen uit waarom zij bepaalde sites wel of niet mogen bezoeken.
- De leerkracht draagt zorg voor een omgeving waarin kinderen open kunnen vertellen wanneer zij op een ongewenste, onbedoelde site komen.
- Informatie die terug te voeren is op kinderen, wordt niet op het openbare deel van het net gepubliceerd.
- YouTube wordt gebruikt met een doel. Leerkrachten kunnen educatieve filmpjes laten zien en kinderen kunnen educatieve filmpjes gebruiken voor een spreekbeurt.
- Regels met betrekking tot copyright dienen in acht genomen te worden.
- Binnen teamverband wordt er via e-mail of Parro gecorrespondeerd. Leerkrachten hebben een Outlook e-mailadres (.....@julianaschool.be) waarop zij onder andere schoolinformatie kunnen ontvangen en waarmee zij kunnen communiceren.
- Wanneer leerkrachten met ouders communiceren via e-mail, gebeurt dat via het mailadres dat zij van de organisatie hebben gekregen.
- Intern en extern met ouders kan er ook worden gecommuniceerd via Parro.
- Leerkrachten en directie proberen het mailen en communiceren in de weekenden en vakanties zoveel mogelijk te beperken.\
""",
            },
        ],
    },
    {
        "key": "sancties-en-gevolgen",
        "title": "Sancties en gevolgen",
        "style": "normaal",
        "body": """\
- Medewerk(st)ers die in strijd handelen met dit protocol maken zich mogelijk schuldig aan plichtsverzuim. Alle correspondentie over dit onderwerp wordt opgenomen in het personeelsdossier.
- Indien Basisschool Prinses Juliana de wijze van communiceren door een medewerk(st)er/ouder of leerling als 'grensoverschrijdend' kwalificeert, dan kan door de school aangifte worden gedaan.
- Afhankelijk van de ernst van de uitlatingen, gedragingen en gevolgen worden naar medewerkers toe rechtspositionele maatregelen genomen die variëren van waarschuwing, schorsing, berisping, ontslag en ontslag op staande voet.
- Leerlingen en/of ouders/verzorgers die in strijd met dit protocol handelen maken zich mogelijk schuldig aan verwijtbaar gedrag. Alle correspondentie omtrent dit onderwerp wordt opgenomen in het leerlingendossier.
- Afhankelijk van de ernst van de uitlatingen, gedragingen en gevolgen worden naar leerlingen en/of ouders/verzorgers toe maatregelen genomen die onder meer kunnen bestaan uit een waarschuwing, schorsing en verwijdering van school.
- Wanneer de uitlating van leerlingen en/of ouders/verzorgers en medewerk(st)ers mogelijk een strafrechtelijke overtreding inhoudt, kan door de Julianaschool aangifte worden gedaan.\
""",
    },
    {
        "key": "schoolwebsite",
        "title": "Schoolwebsite",
        "style": "normaal",
        "body": """\
- Met de schoolwebsite www.julianaschool.be willen we bezoekers van de site informeren over de school.
- De informatie bestaat onder andere uit de beschrijving, de identiteit, de visie, de zorg en de kwaliteit van het onderwijs.
- Op de website is ook recente informatie te vinden over actuele gebeurtenissen in en rond de school.
- De inhoud van de website valt onder verantwoordelijkheid van de directie.
- Ouders kunnen schriftelijk bij de directie aangeven of ze bezwaar hebben tegen het plaatsen van een foto op de schoolwebsite waar hun kind op staat.\
""",
    },
    {
        "key": "eigen-telefoons",
        "title": "Het gebruik van eigen telefoons op school",
        "style": "normaal",
        "body": """\
Leerlingen brengen steeds vaker hun telefoon mee naar school. De Prinses Julianaschool staat dit toe, mits er voldaan wordt aan de volgende regels/voorwaarden:

- Tijdens de schooluren is de telefoon uit en is deze opgeborgen in de (school)tas.
- De telefoon mag ook in de bureaulade van de leerkracht.
- De telefoon mag pas aan het einde van de schooldag weer aan.
- Kinderen mogen op school nooit zonder toestemming foto's nemen van anderen.
- Aan het einde van de schooldag mogen de kinderen op een daarvoor aangewezen plek op het schoolplein hun telefoon gebruiken.\
""",
    },
    {
        "key": "denk-na",
        "title": "Voor je iets plaatst op:",
        "style": "ezelsbruggetje",
        "body": """\
D = **D**oet het er toe?
E = Is het **E**erlijk?
N = Is het **N**odig?
K = **K**lopt het?

N = Is het **N**etjes?
A = Is het **A**ardig?\
""",
    },
]
