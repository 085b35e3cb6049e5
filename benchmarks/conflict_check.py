"""Conflict-check latency and recall on synthetic data. Not part of the test run.

    .venv/bin/python -m benchmarks.conflict_check --backend sqlite --clients 10000
    .venv/bin/python -m benchmarks.conflict_check --backend postgres --clients 200000 \
        --postgres-url postgres://postgres@127.0.0.1:5432/clinic_bench_intake

It builds a throwaway database (a temporary SQLite file, or the named PostgreSQL database, dropped
and recreated), generates N clients with aliases and adverse parties from Spanish, Polish, Arabic,
Chinese, English, Ukrainian and Vietnamese name pools (all invented combinations), plants
near-duplicates of known clients, the kinds in turn (accents dropped, names reordered with a comma,
second surname missing, one typo, an initial, a short form such as "Ma." or "Fco.", particles joined
or a "y" between surnames, a transliteration, the Arabic article written another way), then times
`conflict_check_run` for new intakes and reports median and p95 latency and the recall on the
planted set.

Goals: p95 under 100 ms at 200,000 clients on PostgreSQL, under 500 ms on SQLite; recall 100% on
the planted set.

Measured 2026-12-07 (PostgreSQL 15 local, SQLite WAL; 200 checks each, 100 planted, all 9 kinds) on
2 cores shared with other suites and benchmarks; "load" is the 1-minute load average while the
checks ran. Goals met:

    backend     N        names     median   p95      recall   generation  load
    sqlite      10,000   22,991    10.2 ms  28.4 ms  100%     8 s         3.1
    postgres    10,000   22,991    13.5 ms  36.1 ms  100%     16 s        3.1
    sqlite      200,000  460,275   63.5 ms  177.5 ms 100%     226 s       2.1-2.4
    postgres    200,000  460,275   12.6 ms  21.5 ms  100%     249 s       2.5-2.7

Other runs of the same code that day: sqlite 200,000 91.5/245.5 ms (load 2.2-3.1) and
125.4/353.8 ms (load 4-5); postgres 200,000 40.0/60.0 ms (load about 3). Mean hits per check: 3.8
at 10,000, 52.7 at 200,000 (namesakes, and organisations named alike).

The version before, the same day: postgres 200,000 64.0/252.1 ms, missing its goal (10,000:
17.9/31.0 ms). Its slow checks were adverse parties such as "Castro Construction Inc.": every name
holding two of the query's words was a candidate, so "construction inc" fetched and scored 10,000
organisations. PostgreSQL now asks for two words only among names of two words (a partial index)
and for three among longer ones (intake.matching._postgres_conditions). SQLite was 66.2/193.1 ms
at 200,000 (load 2.1-2.3) and 12.0/30.7 ms at 10,000.

Measured 2026-11-25 on a quiet machine, before names were compared in their canonical form (4 kinds
planted):

    backend     N        names     median   p95      recall   generation
    sqlite      10,000   23,014    7.0 ms   11.1 ms  100%     6 s
    postgres    10,000   23,014    10.4 ms  14.4 ms  100%     7 s
    sqlite      200,000  460,855   46.6 ms  112.5 ms 100%     167 s
    postgres    200,000  460,855   14.8 ms  57.2 ms  100%     166 s
"""

import argparse
import base64
import os
import random
import secrets
import statistics
import tempfile
import time
from collections import Counter
from pathlib import Path

from benchmarks._support import recreate_bench_database


def _words(text: str) -> list[str]:
    return text.split()


SPANISH_GIVEN = _words(
    "María José Juan Ana Luis Carmen Carlos Rosa Jorge Lucía Miguel Elena Pedro Sofía Andrés Isabel "
    "Alejandro Gabriela Fernando Valeria Ricardo Daniela Javier Paola Raúl Mónica Héctor Adriana Óscar "
    "Verónica Iván Beatriz Ramón Patricia Sergio Natalia Tomás Guadalupe Ignacio Inés Esteban Yolanda "
    "Marisol Rigoberto Xiomara Wilmer Yesenia Edwin Karla Brayan Dayana Nelson Maritza Selvin Ingrid "
    "Josué Lourdes Elvis Milagros Fredy Reina Santos Glenda Ulises Jacinta Bernardo Flor Efraín Zoila "
    "Francisco Antonio Jesús"
)
SPANISH_SURNAMES = _words(
    "García López Martínez González Rodríguez Hernández Pérez Sánchez Ramírez Torres Flores Rivera "
    "Gómez Díaz Reyes Cruz Morales Ortiz Gutiérrez Chávez Ramos Ruiz Mendoza Aguilar Castillo Jiménez "
    "Vásquez Romero Herrera Medina Castro Vargas Guzmán Salazar Rojas Ibáñez Peña Núñez Muñoz Quispe "
    "Mamani Cáceres Zúñiga Beltrán Arévalo Solís Figueroa Domínguez Escobar Sandoval Carrillo Fuentes "
    "Orellana Alvarado Cabrera Montoya Villanueva Pineda Maldonado Bonilla Zelaya Argueta Barrientos "
    "Cifuentes Lemus Pacheco Tzul Ajpop Coc Xitumul Chún Caal Tut Bol Ixcoy Menchú Sical Toj Velásquez "
    "Amaya Portillo Chicas Henríquez Rivas Landaverde Galdámez Umaña Ayala Osorio Cárcamo Murillo"
) + ["de la Cruz", "del Río", "de León", "de los Santos", "de Jesús", "del Cid", "de la Rosa"]
POLISH_GIVEN = _words(
    "Anna Katarzyna Małgorzata Agnieszka Barbara Ewa Krystyna Magdalena Joanna Żaneta Piotr Krzysztof "
    "Andrzej Tomasz Paweł Michał Marcin Łukasz Grzegorz Jerzy Wojciech Jacek Zbigniew Mirosław"
)
POLISH_SURNAMES = _words(
    "Nowak Kowalski Wiśniewski Wójcik Kowalczyk Kamiński Lewandowski Zieliński Szymański Woźniak "
    "Dąbrowski Kozłowski Jankowski Mazur Kwiatkowski Krawczyk Piotrowski Grabowski Pawłowski Michalski "
    "Król Wieczorek Jabłoński Wróbel Nowakowski Majewski Olszewski Stępień Jaworski Malinowski"
)
ARABIC_GIVEN = _words(
    "Mohammed Ahmed Ali Omar Youssef Khaled Hassan Ibrahim Mustafa Tariq Fatima Aisha Maryam Layla "
    "Nour Salma Huda Rania Zainab Samira Karim Walid Bilal Hamza Yasmin Amira Dalia Jamal Said Nadia "
    "Hussein Yusuf Abdulrahman"
)
ARABIC_FAMILY = _words(
    "Al-Rashid Haddad Khalil Nasser Mansour Saleh Hamdan Al-Amin Darwish Farouk Qasim Suleiman "
    "El-Sayed Abboud Bakr Hussein Othman Yassin Zaki Al-Masri Ghanem Jaber Karam Nassar Sabbagh"
)
EAST_SLAVIC_GIVEN = _words("Oleksandr Sergei Yevgeny Dmytro Andriy Tetiana Olena Nataliya Yuliya Mykola")
EAST_SLAVIC_SURNAMES = _words(
    "Shevchenko Bondarenko Kovalenko Tkachenko Kravchenko Ivanov Petrov Sidorenko Melnyk Boyko Moroz Lysenko"
)
VIETNAMESE_FAMILY = _words("Nguyễn Trần Lê Phạm Hoàng Huỳnh Phan Vũ Đặng Bùi")
VIETNAMESE_GIVEN = _words("Minh Lan Hùng Anh Thảo Tuấn Hương Dũng Linh Quang")
CHINESE_FAMILY = _words("Wang Li Zhang Liu Chen Yang Huang Zhao Wu Zhou Xu Sun Ma Zhu Hu Guo He Lin Gao Luo")
CHINESE_GIVEN = _words(
    "Wei Fang Min Jing Lei Yan Jun Hui Ying Tao Xiaoming Jianguo Meiling Haoran Zihan Yuxuan Xinyi "
    "Jiahao Shuang Qiang Ling Bo Chao Na"
)
CHINESE_HANZI = ["王伟", "李娜", "张敏", "刘洋", "陈静", "杨磊", "黄丽", "赵军", "吴芳", "周杰"]
ENGLISH_GIVEN = _words(
    "James Mary Robert Patricia John Jennifer Michael Linda David Elizabeth William Barbara Richard "
    "Susan Joseph Jessica Thomas Sarah Charles Karen Christopher Nancy Daniel Lisa Matthew Betty "
    "Grace Owen Harriet Wesley Dorothy Floyd Irene Calvin Judith Vernon Mabel Clifford Ruth Gordon"
)
ENGLISH_SURNAMES = _words(
    "Smith Johnson Williams Brown Jones Miller Davis Wilson Anderson Taylor Thomas Moore Jackson "
    "Martin Lee Thompson White Harris Clark Lewis Robinson Walker Young Allen King Wright Scott Hill "
    "Prescott Whitfield Holloway Ashby Kendrick Fairbanks Pemberton Langley Thornton Blackwell Hargrove"
)
ORGANISATIONS = [
    "{} Staffing LLC",
    "{} Construction Inc.",
    "{} Farms",
    "{} Property Management",
    "{} Cleaning Services",
    "Restaurante {}",
]


def person_name(rng: random.Random) -> tuple[str, str]:
    """(given names, family names) from one of the seven pools, weighted like a Texas clinic's docket."""
    pool = rng.choices(["es", "pl", "ar", "zh", "en", "ua", "vi"], weights=[55, 8, 12, 10, 15, 3, 3])[0]
    if pool == "es":
        given = rng.choice(SPANISH_GIVEN)
        if rng.random() < 0.3:
            given += " " + rng.choice(SPANISH_GIVEN)
        return given, f"{rng.choice(SPANISH_SURNAMES)} {rng.choice(SPANISH_SURNAMES)}"
    if pool == "ua":
        return rng.choice(EAST_SLAVIC_GIVEN), rng.choice(EAST_SLAVIC_SURNAMES)
    if pool == "vi":
        middle = rng.choice(["Văn", "Thị"])
        return f"{middle} {rng.choice(VIETNAMESE_GIVEN)}", rng.choice(VIETNAMESE_FAMILY)
    if pool == "pl":
        return rng.choice(POLISH_GIVEN), rng.choice(POLISH_SURNAMES)
    if pool == "ar":
        return rng.choice(ARABIC_GIVEN), f"{rng.choice(ARABIC_GIVEN)} {rng.choice(ARABIC_FAMILY)}"
    if pool == "zh":
        if rng.random() < 0.15:
            hanzi = rng.choice(CHINESE_HANZI)
            return hanzi[1:], hanzi[0]
        return rng.choice(CHINESE_GIVEN), rng.choice(CHINESE_FAMILY)
    return rng.choice(ENGLISH_GIVEN), rng.choice(ENGLISH_SURNAMES)


def adverse_name(rng: random.Random) -> str:
    if rng.random() < 0.3:
        return rng.choice(ORGANISATIONS).format(rng.choice(ENGLISH_SURNAMES + SPANISH_SURNAMES))
    return " ".join(person_name(rng))


def _strip_accents(text: str) -> str:
    from unidecode import unidecode

    return unidecode(text)


def _typo(word: str, rng: random.Random) -> str:
    if len(word) < 5:
        return word
    i = rng.randrange(1, len(word) - 1)
    if rng.random() < 0.5:
        return word[:i] + rng.choice("aeiourstln") + word[i + 1 :]
    return word[: i - 1] + word[i] + word[i - 1] + word[i + 1 :]


def _initial(given: str, family: str, rng: random.Random) -> str | None:
    if given.split()[0].casefold() in {"văn", "thị"}:
        return None
    return f"{given[0]}. {given.split(' ', 1)[1]}" if " " in given else f"{given[0]}."


ABBREVIATED = {
    "María": ["Ma.", "Ma", "Mª"],
    "Francisco": ["Fco."],
    "José": ["Jse.", "Jos."],
    "Guadalupe": ["Gpe."],
    "Fernando": ["Fdo."],
    "Antonio": ["Ant.", "Anto."],
}


def _abbreviated(given: str, rng: random.Random) -> str | None:
    words = given.split()
    if not any(word in ABBREVIATED for word in words):
        return None
    return " ".join(rng.choice(ABBREVIATED[word]) if word in ABBREVIATED else word for word in words)


def _particles(family: str, rng: random.Random) -> str | None:
    for particled in (
        "de la Cruz",
        "del Río",
        "de León",
        "de los Santos",
        "de Jesús",
        "del Cid",
        "de la Rosa",
    ):
        if particled in family:
            joined = particled.replace(" ", "")
            return family.replace(particled, rng.choice([joined, joined.title(), particled.title()]))
    parts = family.split()
    if len(parts) == 2 and parts[0] in SPANISH_SURNAMES and parts[1] in SPANISH_SURNAMES:
        return f"{parts[0]} y {parts[1]}"
    return None


TRANSLITERATED = {
    "Mohammed": ["Muhammad", "Mohamed", "Mohammad", "Muhamad"],
    "Youssef": ["Yusuf", "Yousef"],
    "Yusuf": ["Youssef", "Yousef"],
    "Hussein": ["Husain", "Hussain"],
    "Ahmed": ["Ahmad"],
    "Oleksandr": ["Aleksandr", "Alexander"],
    "Sergei": ["Sergey"],
    "Yevgeny": ["Evgeny"],
    "Nguyễn": ["Nguyen", "Ngyuen"],
    "Jesús": ["Jesus"],
    "Abdulrahman": ["Abd al-Rahman", "Abdel Rahman"],
}


def _transliterated(words: str, rng: random.Random) -> str | None:
    parts = words.split()
    if not any(part in TRANSLITERATED for part in parts):
        return None
    return " ".join(rng.choice(TRANSLITERATED[part]) if part in TRANSLITERATED else part for part in parts)


def _article(family: str, rng: random.Random) -> str | None:
    for word in family.split():
        if word.startswith(("Al-", "El-")):
            rest = word[3:]
            return family.replace(
                word, rng.choice([f"Al {rest}", f"Al{rest.lower()}", f"El-{rest}", f"al-{rest}"])
            )
    return None


PLANTED_KINDS = [
    "accents",
    "reorder",
    "missing_surname",
    "typo",
    "initial",
    "abbreviation",
    "particles",
    "transliteration",
    "arabic_article",
]


def near_duplicate(given: str, family: str, kind: str, rng: random.Random) -> tuple[str, str, str] | None:
    """A variant of a known name as a volunteer might type it, or None when `kind` does not apply."""
    if kind == "accents":
        return _strip_accents(given), _strip_accents(family), kind
    if kind == "reorder":
        return "", f"{family}, {given}", kind
    if kind == "missing_surname":
        return (given, family.split()[0], kind) if family.count(" ") == 1 else None
    if kind == "initial":
        initial = _initial(given, family, rng)
        return (initial, family, kind) if initial else None
    if kind == "abbreviation":
        short = _abbreviated(given, rng)
        return (short, family, kind) if short else None
    if kind == "particles":
        joined = _particles(family, rng)
        return (given, joined, kind) if joined else None
    if kind == "transliteration":
        given_variant, family_variant = _transliterated(given, rng), _transliterated(family, rng)
        if given_variant is None and family_variant is None:
            return None
        return given_variant or given, family_variant or family, kind
    if kind == "arabic_article":
        variant = _article(family, rng)
        return (given, variant, kind) if variant else None
    tokens = family.split()
    longest = max(range(len(tokens)), key=lambda i: len(tokens[i]))
    tokens[longest] = _typo(tokens[longest], rng)
    return given, " ".join(tokens), "typo"


def plant(people: list[tuple[int, str, str]], count: int, rng: random.Random) -> list[tuple]:
    """`count` near-duplicates, the kinds taken in turn, each of a known client it applies to."""
    planted, used = [], set()
    for n in range(count):
        kind = PLANTED_KINDS[n % len(PLANTED_KINDS)]
        for _attempt in range(10_000):
            person = rng.choice(people)
            if person[0] in used:
                continue
            variant = near_duplicate(person[1], person[2], kind, rng)
            if variant is not None:
                used.add(person[0])
                planted.append((person, variant))
                break
    return planted


def configure(backend: str, postgres_url: str, workdir: Path) -> None:
    os.environ["DJANGO_SETTINGS_MODULE"] = "clinic.settings"
    os.environ["CLINIC_DATA_DIR"] = str(workdir)
    os.environ["CLINIC_KEYS"] = f"bench:{base64.b64encode(secrets.token_bytes(32)).decode()}"
    os.environ["CLINIC_INDEX_KEY"] = base64.b64encode(secrets.token_bytes(32)).decode()
    os.environ["CLINIC_AUDIT_KEY"] = base64.b64encode(secrets.token_bytes(32)).decode()
    os.environ["SECRET_KEY"] = secrets.token_urlsafe(50)  # a deployment's settings demand one
    os.environ["LOG_LEVEL"] = "WARNING"
    if backend == "postgres":
        recreate_bench_database(postgres_url)
        os.environ["DATABASE_URL"] = postgres_url
    else:
        os.environ.pop("DATABASE_URL", None)
    import django

    django.setup()


def populate(n: int, rng: random.Random) -> list[tuple[int, str, str]]:
    from django.db import connection, transaction

    from intake.models import AdverseParty, Client, ClientAlias, NameKind, SearchKey, SearchName, SearchToken
    from intake.normalise import blocking_keys, conflict_name

    people = []
    batch = 5000
    for start in range(0, n, batch):
        with transaction.atomic():
            clients = Client.objects.bulk_create(
                [
                    Client(given_names=g, family_names=f)
                    for g, f in (person_name(rng) for _ in range(start, min(n, start + batch)))
                ]
            )
            aliases, parties, names = [], [], []
            for client in clients:
                people.append((client.pk, client.given_names, client.family_names))
                names.append(SearchName(client=client, kind=NameKind.CLIENT, display=client.full_name))
                if rng.random() < 0.3:
                    given, family = person_name(rng)
                    alias = f"{client.given_names} {family}"
                    aliases.append(ClientAlias(client=client, name=alias))
                    names.append(SearchName(client=client, kind=NameKind.ALIAS, display=alias))
                for _ in range(rng.choice([0, 1, 1, 2])):
                    party = adverse_name(rng)
                    parties.append(AdverseParty(client=client, name=party))
                    names.append(SearchName(client=client, kind=NameKind.ADVERSE, display=party))
            ClientAlias.objects.bulk_create(aliases)
            AdverseParty.objects.bulk_create(parties)
            for entry in names:
                entry.normalised = conflict_name(entry.display)
            created = SearchName.objects.bulk_create(names)
            words = {word[:100] for entry in created for word in entry.normalised.split()}
            SearchToken.objects.bulk_create(
                [SearchToken(token=word) for word in words], ignore_conflicts=True
            )
            SearchKey.objects.bulk_create(
                [SearchKey(name=e, key=k, token=t) for e in created for t, k in blocking_keys(e.normalised)],
                batch_size=20000,
            )
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE")
    return people


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--backend", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--clients", type=int, default=10_000)
    parser.add_argument("--queries", type=int, default=100, help="New intakes with unrelated names to time.")
    parser.add_argument("--planted", type=int, default=100, help="Near-duplicates of known clients.")
    parser.add_argument("--seed", type=int, default=4)
    parser.add_argument("--profile", action="store_true", help="Print where the check spends its time.")
    parser.add_argument("--postgres-url", default="postgres://postgres@127.0.0.1:5432/clinic_bench_intake")
    args = parser.parse_args()

    rng = random.Random(args.seed)
    with tempfile.TemporaryDirectory(prefix="clinic-bench-") as workdir:
        configure(args.backend, args.postgres_url, Path(workdir))
        from django.core.management import call_command

        call_command("migrate", verbosity=0)
        from clinic.models import User
        from intake.models import Client, Intake
        from intake.services import conflict_check_run, search_index_rebuild

        started = time.perf_counter()
        people = populate(args.clients, rng)
        from intake.models import SearchName

        print(
            f"{args.backend}: generated {args.clients:,} clients ({SearchName.objects.count():,} searchable "
            f"names) in {time.perf_counter() - started:.1f} s"
        )
        user = User.objects.create(username="bench")

        def new_intake(given: str, family: str, party: str | None) -> Intake:
            client = Client.objects.create(given_names=given, family_names=family)
            if party:
                client.adverse_parties.create(name=party)
            search_index_rebuild(client=client)
            return Intake.objects.create(client=client, volunteer=user, channel=Intake.Channel.WALK_IN)

        timings, found, kinds_missed = [], 0, []
        planted_by_kind: Counter = Counter()
        found_by_kind: Counter = Counter()
        planted = plant(people, args.planted, rng)
        work = list(planted)
        work += [(None, (*person_name(rng), "random")) for _ in range(args.queries)]
        rng.shuffle(work)
        hits_total = 0
        profiler = None
        if args.profile:
            import cProfile

            profiler = cProfile.Profile()
        for target, (given, family, kind) in work:
            intake = new_intake(given, family, adverse_name(rng) if rng.random() < 0.7 else None)
            t0 = time.perf_counter()
            if profiler is not None:
                profiler.enable()
            check = conflict_check_run(intake=intake, acting_user=user)
            if profiler is not None:
                profiler.disable()
            timings.append((time.perf_counter() - t0) * 1000)
            hits_total += check.hit_count
            if target is not None:
                planted_by_kind[kind] += 1
                matched = set(check.hits.values_list("matched_client_id", flat=True))
                if target[0] in matched:
                    found += 1
                    found_by_kind[kind] += 1
                else:
                    kinds_missed.append((kind, f"{target[1]} {target[2]}", f"{given} {family}"))
        timings.sort()
        p95 = timings[max(0, int(round(0.95 * len(timings))) - 1)]
        print(
            f"{args.backend} N={args.clients:,}: {len(timings)} conflict checks, median "
            f"{statistics.median(timings):.1f} ms, p95 {p95:.1f} ms, max {timings[-1]:.1f} ms, "
            f"mean hits {hits_total / len(timings):.1f}"
        )
        print(
            f"recall on planted near-duplicates: {found}/{len(planted)} = {100 * found / len(planted):.1f}%"
        )
        print(
            "  by kind: "
            + ", ".join(f"{kind} {found_by_kind[kind]}/{planted_by_kind[kind]}" for kind in PLANTED_KINDS)
        )
        if profiler is not None:
            import pstats

            pstats.Stats(profiler).sort_stats("cumulative").print_stats(25)
        for kind, original, typed in kinds_missed:
            print(f"  missed ({kind}): {original!r} typed as {typed!r}")


if __name__ == "__main__":
    main()
