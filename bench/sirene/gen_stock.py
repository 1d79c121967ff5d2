#!/usr/bin/env python3
"""gen_stock.py N SEED > FILE: a synthetic StockEtablissement CSV in INSEE's
column layout (the 53 documented columns and the NAF 2025 one), for the SIRENE
import benchmark. Establishments are spread over the communes of the
Mulhouse, Strasbourg and Thann-Cernay EPCIs (and 10 % elsewhere), 8 % closed,
3 % non-diffusible, 5 % without coordinates. Names and SIRETs are invented;
SIRETs pass the Luhn check."""
import random
import sys

HEADER = ("siren,nic,siret,statutDiffusionEtablissement,dateCreationEtablissement,"
          "trancheEffectifsEtablissement,anneeEffectifsEtablissement,"
          "activitePrincipaleRegistreMetiersEtablissement,dateDernierTraitementEtablissement,"
          "etablissementSiege,nombrePeriodesEtablissement,complementAdresseEtablissement,"
          "numeroVoieEtablissement,indiceRepetitionEtablissement,dernierNumeroVoieEtablissement,"
          "indiceRepetitionDernierNumeroVoieEtablissement,typeVoieEtablissement,"
          "libelleVoieEtablissement,codePostalEtablissement,libelleCommuneEtablissement,"
          "libelleCommuneEtrangerEtablissement,distributionSpecialeEtablissement,"
          "codeCommuneEtablissement,codeCedexEtablissement,libelleCedexEtablissement,"
          "codePaysEtrangerEtablissement,libellePaysEtrangerEtablissement,"
          "identifiantAdresseEtablissement,coordonneeLambertAbscisseEtablissement,"
          "coordonneeLambertOrdonneeEtablissement,complementAdresse2Etablissement,"
          "numeroVoie2Etablissement,indiceRepetition2Etablissement,typeVoie2Etablissement,"
          "libelleVoie2Etablissement,codePostal2Etablissement,libelleCommune2Etablissement,"
          "libelleCommuneEtranger2Etablissement,distributionSpeciale2Etablissement,"
          "codeCommune2Etablissement,codeCedex2Etablissement,libelleCedex2Etablissement,"
          "codePaysEtranger2Etablissement,libellePaysEtranger2Etablissement,dateDebut,"
          "etatAdministratifEtablissement,enseigne1Etablissement,enseigne2Etablissement,"
          "enseigne3Etablissement,denominationUsuelleEtablissement,"
          "activitePrincipaleEtablissement,nomenclatureActivitePrincipaleEtablissement,"
          "caractereEmployeurEtablissement,activitePrincipaleNAF25Etablissement")

# (INSEE code, name, postcode, Lambert-93 centre x, y)
COMMUNES = [
    ("68224", "MULHOUSE", "68100", 1024951, 6747864),
    ("68376", "WITTENHEIM", "68270", 1023500, 6753700),
    ("68154", "ILLZACH", "68110", 1027300, 6751300),
    ("67482", "STRASBOURG", "67000", 1050400, 6841100),
    ("67447", "SCHILTIGHEIM", "67300", 1050200, 6844800),
    ("68334", "THANN", "68800", 1006600, 6750400),
    ("57463", "METZ", "57000", 932000, 6896000),  # outside the three EPCIs
]
NAF = ["20.14Z", "10.71C", "25.62B", "46.71Z", "38.11Z", "35.30Z", "17.12Z", "23.51Z",
       "10.51A", "01.11Z", "84.11Z", "94.99Z", "47.11F", "16.10A", "22.22Z", "24.10Z"]
BANDS = ["NN", "00", "01", "02", "03", "11", "12", "21", "22", "31", "32", "41", "42", "51"]
VOIES = [("RUE", "DE LA PAIX"), ("AV", "DE COLMAR"), ("RTE", "DU RHIN"), ("QU", "DES PECHEURS")]


def luhn_complete(body):
    """The 14th digit that makes body (13 digits) pass the Luhn check."""
    total = 0
    for i, ch in enumerate(reversed(body)):
        d = int(ch)
        if i % 2 == 0:
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return str((10 - total % 10) % 10)


def main():
    n = int(sys.argv[1])
    rnd = random.Random(int(sys.argv[2]) if len(sys.argv) > 2 else 1)
    out = sys.stdout
    out.write(HEADER + "\n")
    for i in range(n):
        siren = "%09d" % (100000000 + i * 7)
        nic = "%04d" % (i % 10000)
        body = siren + nic
        siret = body + luhn_complete(body)
        nic = siret[9:]
        if rnd.random() < 0.9:
            com = COMMUNES[rnd.randrange(len(COMMUNES) - 1)]
        else:
            com = COMMUNES[-1]
        etat = "F" if rnd.random() < 0.08 else "A"
        diff = "P" if rnd.random() < 0.03 else "O"
        naf = rnd.choice(NAF)
        band = rnd.choice(BANDS)
        voie = rnd.choice(VOIES)
        if diff == "P" or rnd.random() < 0.05:
            x = y = "[ND]" if diff == "P" else ""
        else:
            x = "%.1f" % (com[3] + rnd.uniform(-3000, 3000))
            y = "%.1f" % (com[4] + rnd.uniform(-3000, 3000))
        name = "[ND]" if diff == "P" else "ETABLISSEMENT %d" % i
        row = [siren, nic, siret, diff, "2010-01-01", band, "2023", "", "2025-01-01T00:00:00",
               "true", "2", "", str(1 + i % 120), "", "", "", voie[0], voie[1], com[2], com[1],
               "", "", com[0], "", "", "", "", "", x, y, "", "", "", "", "", "", "", "", "", "",
               "", "", "", "", "2015-01-01", etat, "", "", "", name, naf, "NAFRev2", "O",
               naf[:5] + "Y"]
        out.write(",".join(row) + "\n")


if __name__ == "__main__":
    main()
