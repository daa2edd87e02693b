"""The common-password check of p22, and the script that builds its list.

`data/common_passwords.txt` is generated, not hand-edited: run
`python -m flask_track.concepts.p22_signup.common_passwords` to rebuild it. The seeds are
the most frequent entries of SecLists' `Passwords/Common-Credentials/10k-most-common.txt`
(MIT licence; the well-known "top 10k" of leaked passwords), plus the mechanical variants
people reach for when a site asks for 8 characters: a word with digits, a year or "!"
appended, digit runs, keyboard walks and repeated characters. Only entries of 8 characters
or more are kept: shorter ones are refused by the length rule anyway.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

DATA_FILE = Path(__file__).with_name("data") / "common_passwords.txt"
MIN_LENGTH = 8

# Frequent words and names from the top of the 10k list (offensive entries left out).
SEED_WORDS = """
password 123456 12345678 qwerty dragon baseball football letmein monkey abc123 mustang michael
shadow master jennifer jordan superman harley hunter trustno1 ranger buster thomas tigger
robert soccer batman test pass killer hockey george charlie andrew michelle love sunshine
jessica pepper daniel access joshua maggie starwars silver william dallas yankees ashley hello
amanda orange freedom computer thunder nicole ginger heather hammer summer corvette taylor
austin merlin matthew golfer cheese princess martin chelsea patrick richard diamond yellow
bigdog secret asdfgh sparky cowboy camaro anthony matrix falcon iloveyou bailey guitar jackson
purple scooter phoenix morgan tigers porsche mickey maverick cookie nascar peanut justin money
samantha steelers joseph snoopy boomer whatever iceman smokey gateway dakota cowboys eagles
chicken black zxcvbn please andrea ferrari knight melissa compaq coffee booboo johnny bulldog
welcome james player wizard scooby charles junior internet mike brandy tennis banana monster
spider lakers miller rabbit enter mercedes brandon steven fender john yamaha diablo chris boston
tiger marine chicago rangers gandalf winter barney edward raiders badboy spanky bigdaddy johnson
chester london midnight blue fishing hannah slayer rachel redsox thx1138 asdf marlboro panther
zxcvbnm arsenal oliver qazwsx mother victoria jasper angel david winner crystal golden viking
jack shannon murphy angels prince cameron madison wilson carlos willie startrek captain maddog
jasmine butter angela golf lauren rocket tiffany theman dennis liverpool flower forever green
jackie muffin turtle sophie danielle redskins toyota jason sierra winston debbie giants packers
newyork jeremy casper bubba mountain united cooper driver tucker helpme pookie lucky maxwell
gators jaguar monica happy hotdog gemini lover canada nathan victor florida nicholas rosebud
metallica doctor trouble success warrior peaches apples magic buddy dolphins rainbow gunner
freddy alexis braves cocacola xavier dolphin testing bond007 member calvin voodoo samson alex
apollo walter voyager peter bonnie apple scorpio jonathan skippy sydney scott power gordon
travis star legend yankee blazer runner birdie parker topgun heaven viper animal bigboy arthur
baby private godzilla donald williams phantom august sammy cool brian platinum jake bronco paul
mark frank copper billy garfield willow little carter albert kitten super shelby america jessie
house free chevy white broncos surfer nissan saturn airborne elephant marvin action adidas
kevin explorer walker police december benjamin wolf sweet therock king online brooklyn cricket
dexter racing gregory dreams michigan magnum nothing donkey trinity digital stella cartman
buffalo kitty eagle einstein kelly nelson nirvana vampire pumpkin snowball mexico beatles
fantasy gibson celtic marcus cherry cassie natasha sniper chance genesis hotrod college jester
passw0rd smith lasvegas carmen slipknot kimberly eclipse stanley samuel drummer homer montana
music spencer jimmy carolina colorado creative rocky goober friday scotty abcdef bubbles hawaii
fluffy stephen horses thumper darkness pamela buddha vanessa sandman douglas honda matt azerty
shorty beach loveme simple poohbear destiny sarah denise vikings lizard melanie sabrina
nintendo water good howard november october leather young extreme vincent lacrosse hotmail
spooky alaska badger paradise crazy mozart video russell spitfire anderson norman eric cherokee
cougar barbara family horse enigma allison raider brazil blonde jones dude school marshall
lovely jeffrey caroline franklin molly snickers leslie courtney diesel eminem westside suzuki
daddy passion hummer zachary frankie elvis reggie alpha simpson patricia pirate tommy semperfi
jupiter ducati paris natalie babygirl bishop windows spirit pantera monday patches brutus
houston smooth penguin marley forest flash maximus bobby bradley vision pokemon champion
fireman softball picard system clinton cobra enjoy claire claudia boogie timothy marines
security admin wildcats dancer veronica ironman wolverine remember great justice francis
hobbes kermit mercury domino denver brooke rascal hitman simon tony friend peekaboo electric
stargate saints brittany zombie swimming duke scotland disney rooster brenda swordfish candy
duncan olivia hunting alicia samsung virginia general passport liberty arizona jesus newport
skipper rolltide galore weasel wombat digger classic bulldogs accord popcorn turkey jenny amber
bunny mouse titanic dreamer everton friends gabriel nemesis burton pontiac connor roland
mitchell ireland lincoln arnold spiderman patriots goblue devils eugene empire cardinal brown
shaggy froggy kawasaki kodiak people light kramer chopper honey whynot lisa baxter adam snake
airplane britney avalon sandy sugar sublime stewart wildcat raven scarface elizabeth trucks
wolfpack lawrence raymond redhead american alyssa bambam movie woody snowman raptor stingray
shooter france stars madmax kristen sports jerry garcia simpsons lights ryan looking alison
hahaha packard hendrix perfect service spring spike katie oscar brother bigmac single cannon
georgia popeye tattoo texas party bullet taurus sailor wolves panthers japan strike flowers
berlin sticky marina tarheels fisher russia connie wolfgang catch22 juice trooper hawkeye
dodgers pakistan machine pyramid vegeta katana moose tinker coyote infinity inside pepsi
control hercules morris tickle outlaw browns billybob pickle michele antonio pavilion changeme
caesar prelude tanner adrian darkside bowling wutang sunset robbie alabama danger zeppelin
rusty darkstar madonna casino cheryl integra wrangler apache tweety bobafett simone business
sterling trevor transam dustin harvey england seattle harry openup pandora trucker wallace
indigo storm malibu babydoll dilbert pegasus joker catfish flipper valerie herman detroit
kenneth cheyenne bruins stacey smoke joey seven marino xfiles wonder stinger pizza pretty
stealth manutd gracie gundam cessna longhorn presario wicked victory shelly awesome athena help
holiday knicks street redneck casey gizmo scully devildog triumph eddie bluebird shotgun peewee
ronnie daisy special madman country impala lennon roscoe omega enterprise miranda search
smitty blizzard unicorn ronald harrison trigger truck danny home winnie beauty thailand cadillac
castle tyler bobcat sunny stones freddie chuck loveyou norton hellfire indiana panzer lonewolf
trumpet colors blaster fireball logan precious aaron elaine jungle atlanta gold corona curtis
nikki polaris timber theone baller chipper orlando island skyline dragons dogs benson goldie
engineer pencil basketball hornet world linda barbie farmer valentine indians larry redman
foobar travel morpheus bernie target hotstuff photos laura savage holly dollar turbo design
newton hottie moon blondes lestat avatar future goforit random cancer smiley goldberg express
zipper stone andy babylon powers consumer dudley serenity samurai skeeter lindsay joejoe
chocolate christian birthday stephanie alfred maria maxima sampson buckeye highland kristin
seminole reaper bassman nugget lucifer airforce watson warlock philip always dodge chrissy
burger bird missy pink maddie holmes huskers piglet photo joanne hamilton dodger paladin
christy chubby buckeyes hamlet bigfoot sunday manson goldfish garden deftones icecream blondie
spartan julie harold charger brandi stormy sherry pleasure juventus rodney galaxy holland
planet jerome wesley blues song peace cavalier gambit karen sidney ripper jamie sister marie
martha aardvark nadine minnie whiskey plastic savannah loser racecar insane mememe hansolo
chiefs freak frog salmon concrete yvonne shamrock atlantis warren wordpass julian mariah
rommel harris predator sylvia massive cats mister marathon rubber trunks desire montreal justme
faster kathleen irish bertha alpine sammie diamonds tristan stallion pitbull roberto ready
april palmer audrey shirley bluesky sundance renegade hollywood bernard wolfman soldier picture
pierre goddess manager nikita sweety titans bottom bubble ibanez webster sweetpea tornado
lindsey content bruce aragorn griffin campbell trojan christopher newman wayne tina rockstar
father geronimo pascal crimson brooks hector penny anna google camera chandler fatcat lovelove
cody waters stimpy cindy wheels latin robin greenday brendan hiphop willy snapper funtime duck
trombone cotton cookies kaiser mulder westham jeep ravens aurora drizzt madness energy sophia
stefan slick rocker freeman french mongoose speed henry hungry catdog ghost gogogo randy
tottenham curious butterfly mission january singer sherman shark techno lancer lalala autumn
orion trixie clifford delta bomber holden spunky liquid mary beagle granny network bond millie
biggie beetle teacher susan toronto anakin genius dream karate snakes bangkok callie pacific
daytona kelsey infantry skywalker foster felix sailing raistlin vanhalen herbert jacob blackie
tarzan strider sherlock dietcoke ultimate tree sprite artist devil python ninja misty ytrewq
sweetie superfly potter darren hobbit violet phillip maurice gloria nolimit mylove biscuit
yahoo shasta smoker smile pebbles philly tintin marlin cactus emerald showme pirates colleen
tazman tanker patton toshiba richie alberto gotcha graham dillon emily jazz bigguy woman tomtom
marion greg chaos fossil flight racerx boss bobo musicman warcraft window blade sheila
microsoft allen getsome sally quality kennedy morrison teddy joanna andreas harder luke qazxsw
boeing keeper western isabelle subaru thuglife martina maniac tracey a1b2c3 clayton snow spyder
memphis regina logitech dark million sesame poison terry kyle hamster ferret florence maiden
velvet buttons bingo sharks small miami change lucas kansas muscle monroe whitney bluemoon
yomama tarheel lady leonard basket bianca stardust jumper margaret archie charlotte forget
qwertz bones history milton waterloo stuff office oldman preston trains murray vertigo swallow
smiles standard alexander parrot luther user nicolas surfing pioneer pete masters asdasd auburn
hannibal frontier panama lucy buffy brianna vette baggins groovy global turner blades life
byteme lobster collins hilton japanese polo markus coco deedee mikey jersey capital sasha sadie
putter vader monkey dragon football baseball shadow master superman
"""

# Entries of the list that are used as they are (runs, walks, leetspeak).
SEED_LITERALS = """
12345678 123456789 1234567890 0123456789 87654321 987654321 9876543210 11111111 00000000
88888888 99999999 77777777 66666666 55555555 22222222 33333333 44444444 12121212 11223344
12341234 21122112 69696969 123123123 147258369 159753456 741852963 789456123 1q2w3e4r
1q2w3e4r5t 1q2w3e4r5t6y 1qaz2wsx 1qaz2wsx3edc q1w2e3r4 q1w2e3r4t5 qwertyui qwertyuiop
asdfghjk asdfghjkl zxcvbnm1 zaq12wsx zaq1zaq1 qazwsxedc qweasdzxc 1qazxsw2 qwer1234 asdf1234
zxcv1234 1234qwer 1234asdf abcd1234 abcdefgh abcdefg1 abc12345 a1b2c3d4 aaaaaaaa
passw0rd p@ssw0rd p@ssword pa55word passwort motdepasse contrasena password1 password12
password123 password1234 letmein1 letmein123 welcome1 welcome123 iloveyou1 trustno1
changeme1 admin123 admin1234 administrator qwerty123 qwerty1234 qwerty12 monkey123 dragon123
football1 baseball1 superman1 starwars1 sunshine1 princess1 master123 shadow123 whatever1
"""

SUFFIXES = ["1", "12", "123", "1234", "!"]
YEARS = [str(year) for year in range(1990, 2031)]
# Years are appended to the most frequent words only (the seed list is in frequency order).
WORDS_WITH_YEARS = 60
KEYBOARD_ROWS = ["1234567890", "qwertyuiop", "asdfghjkl", "zxcvbnm", "0987654321"]


def generate() -> list[str]:
    """The list, sorted and without duplicates: the same output on every run."""
    words = list(dict.fromkeys(SEED_WORDS.split()))  # frequency order, duplicates dropped
    found: set[str] = set(SEED_LITERALS.split())
    for rank, word in enumerate(words):
        found.add(word)
        found.update(word + suffix for suffix in SUFFIXES)
        if rank < WORDS_WITH_YEARS:
            found.update(word + year for year in YEARS)
    for digit in "0123456789":
        for length in range(8, 13):
            found.add(digit * length)
    for letter in "abcdefghijklmnopqrstuvwxyz":
        found.add(letter * 8)
    for row in KEYBOARD_ROWS:
        for length in range(8, len(row) + 1):
            found.add(row[:length])
            found.add(row[:length][::-1])
    return sorted(entry for entry in found if len(entry) >= MIN_LENGTH)


@lru_cache(maxsize=1)
def common_passwords() -> frozenset[str]:
    """The shipped list, read once per process, lower-cased."""
    lines = DATA_FILE.read_text(encoding="utf-8").splitlines()
    return frozenset(line.strip().lower() for line in lines if line.strip())


def is_common(password: str) -> bool:
    """True when the password (ignoring case) is on the list."""
    return password.lower() in common_passwords()


def main() -> None:
    """Rebuild data/common_passwords.txt."""
    entries = generate()
    DATA_FILE.parent.mkdir(parents=True, exist_ok=True)
    DATA_FILE.write_text("\n".join(entries) + "\n", encoding="utf-8")
    print(f"wrote {len(entries)} entries to {DATA_FILE}")


if __name__ == "__main__":
    main()
