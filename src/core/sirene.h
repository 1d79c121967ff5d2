/*
 * sirene.h - import of INSEE's establishment stock (the StockEtablissement
 * CSV of the Sirene database) into the territories of the network, and the
 * workforce bands that turn INSEE's tranche codes into headcounts.
 *
 * Kept: active establishments (etatAdministratifEtablissement 'A') whose
 * commune (codeCommuneEtablissement) belongs to a territory. Coordinates are
 * Lambert-93 (EPSG:2154) converted through PROJ; the NAF code, the NAF 2025
 * code INSEE publishes beside it, the name (usual name, else first sign,
 * else the legal unit's name when the file carries it) and the workforce
 * band are stored. An establishment whose statutDiffusionEtablissement is not
 * 'O' is stored without name, SIRET, address, commune or coordinates, under a
 * masked id (store_network.h): nothing can show what was never stored.
 * All or nothing, like every import (core/import.h).
 */
#ifndef SY_SIRENE_H
#define SY_SIRENE_H

#include "core/import.h"

#define SIRENE_BANDS_MAX 32

struct sirene_band {
    char code[4];     /* NN, 00, 01 ... 53 */
    double min, max;  /* max < 0: open band */
    double headcount; /* the representative headcount */
    char label_fr[128];
};

struct sirene_bands {
    struct sirene_band v[SIRENE_BANDS_MAX];
    size_t n;
};

/* Reads data/workforce_bands.csv (columns code, min, max, headcount,
 * label_fr; others ignored). SY_EINPUT with FILE:LINE:COLUMN, SY_EIO. */
int sirene_bands_load(struct sirene_bands *b, const char *path, struct err *e);
/* The band of a code, or NULL. Borrowed. */
const struct sirene_band *sirene_band_find(const struct sirene_bands *b, const char *code);
/* What an actor's workforce column holds for a band: "20-49", "10000", "0".
 * match_workforce() reads it back as the band's midpoint. */
void sirene_band_workforce(const struct sirene_band *band, char *out, size_t n);

struct sirene_stats {
    long kept;           /* stored (inserted + updated) */
    long closed;         /* etatAdministratif 'F' */
    long outside;        /* commune in no territory of the selection */
    long non_diffusible; /* kept, without name or position */
    long no_coord;       /* kept, without usable coordinates */
    long old_naf;        /* NAF code of an older nomenclature, not stored */
};

/* Imports path. territory NULL = every territory that has communes (each
 * establishment goes to the one territory holding its commune). bands is
 * the table above. The store must hold the territory's communes. */
int import_sirene(struct store *s, const char *path, const char *territory,
                  const struct sirene_bands *bands, const struct import_opts *o,
                  struct import_result *r, struct sirene_stats *st, struct err *e);

#endif
