// i18n.js - the interface's words in French (the default) and English. The choice
// is kept in localStorage ("symbiose.lang"). t(key, vars, fallback) looks a key up;
// a key missing from the current language is recorded in window.__i18nMissing
// (the browser test checks that it stays empty).
const fr = {
  'app.tagline': 'écologie industrielle et territoriale',
  'nav.label': 'Navigation principale', 'nav.dashboard': 'Tableau de bord', 'nav.map': 'Carte',
  'nav.actors': 'Acteurs', 'nav.candidates': 'Candidats', 'nav.board': 'Synergies', 'nav.sankey': 'Flux',
  'nav.import': 'Import CSV',
  'lang.switch': 'Switch to English', territory: 'Territoire', programme: 'programme',
  loading: 'Chargement…', unknown: 'inconnu', notfound: 'Page introuvable', 'error.load': 'Impossible de charger la page :',
  more: 'Afficher plus', prev: 'Précédent', next: 'Suivant', page: 'Page', close: 'Fermer', cancel: 'Annuler',
  delete: 'Supprimer', score: 'score', 'unit.year': 'an', 'form.fix': 'Corrigez les champs signalés.',
  'dash.title': 'Tableau de bord', 'dash.noterritory': 'Aucun territoire. Importez-en un (symbiose import territories) puis rechargez la page.',
  'dash.figures': 'Chiffres clés', 'dash.charts': 'Graphiques', 'dash.actors': 'acteurs', 'dash.flows': 'flux déclarés',
  'dash.candidates': 'synergies candidates', 'dash.synergies': 'synergies suivies', 'dash.tonnes': 'matières valorisées',
  'dash.co2e': 'émissions évitées', 'dash.euros': 'économies', 'dash.fromplan': 'Impacts du plan n° {id} (allocation optimale).',
  'dash.noplan': 'Aucun plan calculé : les impacts sont à zéro.', 'dash.runplan': 'Calculer le plan',
  'dash.bykind': 'Candidats par type', 'dash.bystatus': 'Candidats par statut', 'dash.bystage': 'Synergies par étape',
  'kind.substitution': 'substitution', 'kind.mutualisation': 'mutualisation', 'kind.prospective': 'prospective',
  'status.proposed': 'proposé', 'status.accepted': 'accepté', 'status.rejected': 'écarté', 'status.synergy': 'synergie',
  'stage.idea': 'idée', 'stage.study': 'étude', 'stage.implementation': 'mise en œuvre', 'stage.running': 'en service',
  'stage.abandoned': 'abandonnée',
  'map.title': 'Carte du territoire', 'map.filters': 'Filtres', 'filter.kind': 'Type', 'filter.status': 'Statut',
  'filter.family': 'Famille de ressource', 'filter.all': 'toutes', 'filter.minscore': 'Score minimal',
  'map.count': '{n} liens affichés sur {total}', 'map.openactor': 'Fiche de l’acteur', 'map.review': 'Examiner ce candidat',
  'map.openboard': 'Voir le tableau des synergies', 'map.sectors': 'Secteurs (NACE)',
  'map.offline': 'Fond de carte hors ligne : communes du territoire', 'sector.unknown': 'secteur inconnu',
  'sector.A': 'Agriculture, sylviculture, pêche', 'sector.B': 'Industries extractives', 'sector.C': 'Industrie manufacturière',
  'sector.D': 'Énergie', 'sector.E': 'Eau, déchets, dépollution', 'sector.F': 'Construction', 'sector.G': 'Commerce',
  'sector.H': 'Transports et entreposage', 'sector.I': 'Hébergement, restauration', 'sector.J': 'Information, communication',
  'sector.K': 'Finance, assurance', 'sector.L': 'Immobilier', 'sector.M': 'Activités scientifiques et techniques',
  'sector.N': 'Services administratifs et de soutien', 'sector.O': 'Administration publique', 'sector.P': 'Enseignement',
  'sector.Q': 'Santé, action sociale', 'sector.R': 'Arts, spectacles, loisirs', 'sector.S': 'Autres services',
  'sector.T': 'Ménages employeurs', 'sector.U': 'Organisations extraterritoriales',
  'actors.title': 'Acteurs', 'actors.new': 'Nouvel acteur', 'actors.search': 'Rechercher', 'actors.searchhint': 'nom, identifiant, SIRET…',
  'actors.count': '{n} acteurs', 'actors.create': 'Créer l’acteur', 'actors.newlead': 'Les champs marqués * sont obligatoires ; les autres se complètent plus tard.',
  'actorkind.company': 'entreprise', 'actorkind.public': 'acteur public', 'actorkind.association': 'association',
  'actor.id': 'Identifiant', 'actor.idhint': 'court et stable, ex. zp-brasserie', 'actor.name': 'Raison sociale',
  'actor.siret': 'SIRET', 'actor.siret.hint': '14 chiffres', 'actor.naf': 'Code NAF', 'actor.naf.hint': 'tapez un code ou un mot : « papier », « 17.12 »',
  'actor.kind': 'Nature', 'actor.address': 'Adresse', 'actor.commune': 'Commune (code INSEE)', 'actor.commune.hint': '5 caractères, ex. 67482',
  'actor.lat': 'Latitude', 'actor.lon': 'Longitude', 'actor.identity': 'Identité', 'actor.position': 'Position',
  'actor.workforce': 'Effectif', 'actor.contacts': 'Contacts', 'actor.flows': 'Flux', 'actor.candidates': 'Candidats',
  'actor.synergies': 'Synergies', 'actor.nocontact': 'Aucun contact.', 'actor.noflow': 'Aucun flux déclaré.',
  'actor.nocandidate': 'Aucun candidat : lancez la détection.', 'actor.nosynergy': 'Aucune synergie.',
  'check.required': 'obligatoire', 'check.siret.digits': 'que des chiffres', 'check.siret.length': '14 chiffres attendus ({n} saisis)',
  'check.siret.luhn': 'clé de contrôle invalide (vérifiez le SIRET)', 'check.commune': 'code INSEE à 5 caractères attendu',
  'check.lat': 'latitude entre -90 et 90', 'check.lon': 'longitude entre -180 et 180', 'check.email': 'adresse e-mail invalide',
  'check.qty.negative': 'la quantité ne peut pas être négative', 'check.qty.number': 'nombre attendu (ex. 1 250,5)',
  'check.unit.energy': 'un flux d’énergie s’exprime en MWh, kWh, GWh, GJ ou thermies',
  'check.unit.waste': 'un déchet s’exprime en général en masse ou en volume',
  'flow.add': 'Ajouter un flux', 'flow.added': 'Flux {code} ajouté.', 'flow.direction': 'Sens', 'flow.code': 'Code (déchet ou ressource)',
  'flow.code.hint': 'Liste européenne des déchets ou taxonomie : « carton », « chaleur »', 'flow.description': 'Description',
  'flow.quantity': 'Quantité', 'flow.unit': 'Unité', 'flow.period': 'Par', 'flow.state': 'État physique',
  'flow.confidentiality': 'Confidentialité', 'flow.peryear': 'Par an', 'flow.confirmdelete': 'Supprimer ce flux ?',
  'dir.supply': 'offre', 'dir.demand': 'besoin',
  'period.year': 'an', 'period.month': 'mois', 'period.week': 'semaine', 'period.day': 'jour', 'period.once': 'ponctuel',
  'state.solid': 'solide', 'state.liquid': 'liquide', 'state.gas': 'gaz', 'state.sludge': 'boue', 'state.none': 'sans objet',
  'conf.public': 'public', 'conf.network': 'réseau', 'conf.territory': 'territoire', 'conf.private': 'privé',
  'nomen.low': 'déchet', 'nomen.taxonomy': 'ressource', 'nomen.naf': 'NAF', 'nomen.nace': 'NACE',
  'contact.add': 'Ajouter un contact', 'contact.name': 'Nom', 'contact.role': 'Fonction', 'contact.email': 'E-mail', 'contact.phone': 'Téléphone',
  'cand.title': 'Candidats à examiner', 'cand.run': 'Lancer la détection', 'cand.list': 'Liste des candidats',
  'cand.count': '{n} affichés sur {total}', 'cand.none': 'Aucun candidat avec ces filtres.', 'cand.resource': 'Ressource',
  'cand.rule': 'Règle', 'cand.source': 'Source', 'cand.distance': 'Distance routière', 'cand.max': 'maximum',
  'cand.supply': 'Quantité offerte', 'cand.demand': 'Quantité demandée', 'cand.basis': 'Fondement', 'cand.reason': 'Motif',
  'cand.toconfirm': 'Reste à confirmer', 'cand.checklist': 'Points réglementaires', 'cand.reasonhint': 'motif de la décision (obligatoire pour écarter)',
  'cand.accept': 'Accepter', 'cand.reject': 'Écarter', 'cand.reopen': 'Remettre à l’étude', 'cand.needreason': 'Indiquez un motif pour écarter ce candidat.',
  'cand.done.accepted': 'Accepté : la synergie est créée à l’étape « idée ».', 'cand.done.rejected': 'Écarté.', 'cand.done.proposed': 'Remis à l’étude.',
  'cand.partner': 'Partenaire',
  'keys.title': 'Raccourcis clavier', 'keys.show': 'Raccourcis (?)', 'keys.next': 'candidat suivant', 'keys.prev': 'candidat précédent',
  'keys.accept': 'accepter', 'keys.reject': 'écarter (après un motif)', 'keys.help': 'afficher cette aide', 'keys.close': 'fermer / quitter un champ',
  'run.progress': 'Avancement', 'run.running': 'en cours…', 'run.cancel': 'Annuler', 'run.done': 'Terminé', 'run.failed': 'Échec',
  'run.cancelled': 'Annulé',
  'board.title': 'Synergies', 'board.lead': 'De l’idée à la mise en service ; chaque passage est daté.',
  'board.history': 'Historique et déplacement', 'board.moveto': 'Vers', 'board.move': 'Déplacer', 'board.since': 'depuis le',
  'board.reasonhint': 'motif (obligatoire pour abandonner)', 'board.needreason': 'Indiquez un motif pour abandonner une synergie.',
  'board.moved': '« {what} » passe à l’étape « {stage} ».', 'board.back': 'Revenir à', 'board.stage': 'Étape',
  'sankey.title': 'Flux entre secteurs d’activité', 'sankey.lead': 'Divisions NACE : à gauche celles qui fournissent, à droite celles qui reçoivent (synergies candidates et suivies).',
  'sankey.unit': 'Unité', 'sankey.tonnes': 'tonnes', 'sankey.empty': 'Aucun flux dans cette unité.', 'sankey.total': 'Total : {v} {unit} par an',
  'upload.title': 'Import de fichiers CSV', 'upload.lead': 'Un fichier est importé en entier ou pas du tout : tant qu’il contient une erreur, rien n’est importé.',
  'upload.actors': 'Acteurs', 'upload.flows': 'Flux', 'upload.actors.cols': 'Colonnes : id, name, siret, naf, kind, territory, address, commune, lat, lon',
  'upload.flows.cols': 'Colonnes : actor_id, direction, code, description, quantity, unit, period, state, confidentiality',
  'upload.choose': 'Fichier', 'upload.sending': 'Envoi de {name}…', 'upload.done': '{n} lignes importées depuis {name}.',
  'upload.warnings': '{n} avertissements', 'upload.errors': '{n} erreurs dans {name} : rien n’a été importé. Corrigez le fichier puis renvoyez-le.',
  'upload.line': 'Ligne', 'upload.column': 'Colonne', 'upload.message': 'Erreur', 'upload.text': 'Contenu de la ligne',
  'upload.toobig': 'Fichier trop volumineux (16 Mo au plus).',
};

const en = {
  'app.tagline': 'industrial and territorial ecology',
  'nav.label': 'Main navigation', 'nav.dashboard': 'Dashboard', 'nav.map': 'Map', 'nav.actors': 'Actors',
  'nav.candidates': 'Candidates', 'nav.board': 'Synergies', 'nav.sankey': 'Flows', 'nav.import': 'CSV import',
  'lang.switch': 'Passer en français', territory: 'Territory', programme: 'programme',
  loading: 'Loading…', unknown: 'unknown', notfound: 'Page not found', 'error.load': 'Could not load the page:',
  more: 'Show more', prev: 'Previous', next: 'Next', page: 'Page', close: 'Close', cancel: 'Cancel',
  delete: 'Delete', score: 'score', 'unit.year': 'yr', 'form.fix': 'Fix the fields marked.',
  'dash.title': 'Dashboard', 'dash.noterritory': 'No territory yet. Import one (symbiose import territories), then reload the page.',
  'dash.figures': 'Key figures', 'dash.charts': 'Charts', 'dash.actors': 'actors', 'dash.flows': 'declared flows',
  'dash.candidates': 'candidate synergies', 'dash.synergies': 'synergies followed', 'dash.tonnes': 'materials recovered',
  'dash.co2e': 'emissions avoided', 'dash.euros': 'savings', 'dash.fromplan': 'Impact of plan {id} (optimal allocation).',
  'dash.noplan': 'No plan computed yet: impacts are zero.', 'dash.runplan': 'Compute the plan',
  'dash.bykind': 'Candidates by kind', 'dash.bystatus': 'Candidates by status', 'dash.bystage': 'Synergies by stage',
  'kind.substitution': 'substitution', 'kind.mutualisation': 'pooling', 'kind.prospective': 'prospective',
  'status.proposed': 'proposed', 'status.accepted': 'accepted', 'status.rejected': 'rejected', 'status.synergy': 'synergy',
  'stage.idea': 'idea', 'stage.study': 'study', 'stage.implementation': 'implementation', 'stage.running': 'running',
  'stage.abandoned': 'abandoned',
  'map.title': 'Territory map', 'map.filters': 'Filters', 'filter.kind': 'Kind', 'filter.status': 'Status',
  'filter.family': 'Resource family', 'filter.all': 'all', 'filter.minscore': 'Minimum score',
  'map.count': '{n} of {total} links shown', 'map.openactor': 'Actor page', 'map.review': 'Review this candidate',
  'map.openboard': 'Open the synergy board', 'map.sectors': 'Sectors (NACE)',
  'map.offline': 'Offline background: the territory’s communes', 'sector.unknown': 'unknown sector',
  'sector.A': 'Agriculture, forestry, fishing', 'sector.B': 'Mining and quarrying', 'sector.C': 'Manufacturing',
  'sector.D': 'Energy supply', 'sector.E': 'Water, waste, remediation', 'sector.F': 'Construction', 'sector.G': 'Trade',
  'sector.H': 'Transport and storage', 'sector.I': 'Accommodation, food', 'sector.J': 'Information, communication',
  'sector.K': 'Finance, insurance', 'sector.L': 'Real estate', 'sector.M': 'Professional, scientific, technical',
  'sector.N': 'Administrative and support services', 'sector.O': 'Public administration', 'sector.P': 'Education',
  'sector.Q': 'Health, social work', 'sector.R': 'Arts, entertainment', 'sector.S': 'Other services',
  'sector.T': 'Households as employers', 'sector.U': 'Extraterritorial bodies',
  'actors.title': 'Actors', 'actors.new': 'New actor', 'actors.search': 'Search', 'actors.searchhint': 'name, id, SIRET…',
  'actors.count': '{n} actors', 'actors.create': 'Create the actor', 'actors.newlead': 'Fields marked * are required; the others can be filled in later.',
  'actorkind.company': 'company', 'actorkind.public': 'public body', 'actorkind.association': 'association',
  'actor.id': 'Id', 'actor.idhint': 'short and stable, e.g. zp-brewery', 'actor.name': 'Name',
  'actor.siret': 'SIRET', 'actor.siret.hint': '14 digits', 'actor.naf': 'NAF code', 'actor.naf.hint': 'type a code or a word: “paper”, “17.12”',
  'actor.kind': 'Kind', 'actor.address': 'Address', 'actor.commune': 'Commune (INSEE code)', 'actor.commune.hint': '5 characters, e.g. 67482',
  'actor.lat': 'Latitude', 'actor.lon': 'Longitude', 'actor.identity': 'Identity', 'actor.position': 'Position',
  'actor.workforce': 'Workforce', 'actor.contacts': 'Contacts', 'actor.flows': 'Flows', 'actor.candidates': 'Candidates',
  'actor.synergies': 'Synergies', 'actor.nocontact': 'No contact.', 'actor.noflow': 'No flow declared.',
  'actor.nocandidate': 'No candidate: run the detection.', 'actor.nosynergy': 'No synergy.',
  'check.required': 'required', 'check.siret.digits': 'digits only', 'check.siret.length': '14 digits expected ({n} typed)',
  'check.siret.luhn': 'invalid check digit (check the SIRET)', 'check.commune': 'a 5-character INSEE code expected',
  'check.lat': 'latitude between -90 and 90', 'check.lon': 'longitude between -180 and 180', 'check.email': 'invalid e-mail address',
  'check.qty.negative': 'a quantity cannot be negative', 'check.qty.number': 'a number expected (e.g. 1250.5)',
  'check.unit.energy': 'an energy flow is given in MWh, kWh, GWh, GJ or therms',
  'check.unit.waste': 'a waste is usually given as a mass or a volume',
  'flow.add': 'Add a flow', 'flow.added': 'Flow {code} added.', 'flow.direction': 'Direction', 'flow.code': 'Code (waste or resource)',
  'flow.code.hint': 'European List of Waste or taxonomy: “cardboard”, “heat”', 'flow.description': 'Description',
  'flow.quantity': 'Quantity', 'flow.unit': 'Unit', 'flow.period': 'Per', 'flow.state': 'Physical state',
  'flow.confidentiality': 'Confidentiality', 'flow.peryear': 'Per year', 'flow.confirmdelete': 'Delete this flow?',
  'dir.supply': 'supply', 'dir.demand': 'demand',
  'period.year': 'year', 'period.month': 'month', 'period.week': 'week', 'period.day': 'day', 'period.once': 'once',
  'state.solid': 'solid', 'state.liquid': 'liquid', 'state.gas': 'gas', 'state.sludge': 'sludge', 'state.none': 'n/a',
  'conf.public': 'public', 'conf.network': 'network', 'conf.territory': 'territory', 'conf.private': 'private',
  'nomen.low': 'waste', 'nomen.taxonomy': 'resource', 'nomen.naf': 'NAF', 'nomen.nace': 'NACE',
  'contact.add': 'Add a contact', 'contact.name': 'Name', 'contact.role': 'Role', 'contact.email': 'E-mail', 'contact.phone': 'Phone',
  'cand.title': 'Candidates to review', 'cand.run': 'Run the detection', 'cand.list': 'Candidate list',
  'cand.count': '{n} of {total} shown', 'cand.none': 'No candidate with these filters.', 'cand.resource': 'Resource',
  'cand.rule': 'Rule', 'cand.source': 'Source', 'cand.distance': 'Road distance', 'cand.max': 'maximum',
  'cand.supply': 'Quantity supplied', 'cand.demand': 'Quantity demanded', 'cand.basis': 'Basis', 'cand.reason': 'Reason',
  'cand.toconfirm': 'To confirm', 'cand.checklist': 'Regulatory checklist', 'cand.reasonhint': 'reason for the decision (required to reject)',
  'cand.accept': 'Accept', 'cand.reject': 'Reject', 'cand.reopen': 'Reopen', 'cand.needreason': 'Give a reason to reject this candidate.',
  'cand.done.accepted': 'Accepted: the synergy is created at stage “idea”.', 'cand.done.rejected': 'Rejected.', 'cand.done.proposed': 'Reopened.',
  'cand.partner': 'Partner',
  'keys.title': 'Keyboard shortcuts', 'keys.show': 'Shortcuts (?)', 'keys.next': 'next candidate', 'keys.prev': 'previous candidate',
  'keys.accept': 'accept', 'keys.reject': 'reject (after a reason)', 'keys.help': 'show this help', 'keys.close': 'close / leave a field',
  'run.progress': 'Progress', 'run.running': 'running…', 'run.cancel': 'Cancel', 'run.done': 'Done', 'run.failed': 'Failed',
  'run.cancelled': 'Cancelled',
  'board.title': 'Synergies', 'board.lead': 'From the idea to running; every move is dated.',
  'board.history': 'History and move', 'board.moveto': 'To', 'board.move': 'Move', 'board.since': 'since',
  'board.reasonhint': 'reason (required to abandon)', 'board.needreason': 'Give a reason to abandon a synergy.',
  'board.moved': '“{what}” moves to “{stage}”.', 'board.back': 'Back to', 'board.stage': 'Stage',
  'sankey.title': 'Flows between activity sectors', 'sankey.lead': 'NACE divisions: suppliers on the left, receivers on the right (candidate and followed synergies).',
  'sankey.unit': 'Unit', 'sankey.tonnes': 'tonnes', 'sankey.empty': 'No flow in this unit.', 'sankey.total': 'Total: {v} {unit} a year',
  'upload.title': 'CSV file import', 'upload.lead': 'A file is imported whole or not at all: while it holds an error, nothing is imported.',
  'upload.actors': 'Actors', 'upload.flows': 'Flows', 'upload.actors.cols': 'Columns: id, name, siret, naf, kind, territory, address, commune, lat, lon',
  'upload.flows.cols': 'Columns: actor_id, direction, code, description, quantity, unit, period, state, confidentiality',
  'upload.choose': 'File', 'upload.sending': 'Sending {name}…', 'upload.done': '{n} rows imported from {name}.',
  'upload.warnings': '{n} warnings', 'upload.errors': '{n} errors in {name}: nothing was imported. Fix the file and send it again.',
  'upload.line': 'Line', 'upload.column': 'Column', 'upload.message': 'Error', 'upload.text': 'Line content',
  'upload.toobig': 'File too large (16 MB at most).',
};

const tables = { fr, en };
let current = localStorage.getItem('symbiose.lang') === 'en' ? 'en' : 'fr';
window.__i18nMissing = window.__i18nMissing || [];

export function lang() {
  return current;
}

export function setLang(l) {
  current = l === 'en' ? 'en' : 'fr';
  localStorage.setItem('symbiose.lang', current);
}

export function t(key, vars, fallback) {
  let s = tables[current][key];
  if (s === undefined) {
    if (fallback !== undefined) return fallback;
    if (!window.__i18nMissing.includes(current + ':' + key)) window.__i18nMissing.push(current + ':' + key);
    s = key;
  }
  if (vars) s = s.replace(/\{(\w+)\}/g, (m, k) => (vars[k] !== undefined ? String(vars[k]) : m));
  return s;
}

// Both tables hold the same keys (checked by tests/browser).
export function missingKeys() {
  const a = Object.keys(fr).filter((k) => !(k in en)).map((k) => 'en:' + k);
  const b = Object.keys(en).filter((k) => !(k in fr)).map((k) => 'fr:' + k);
  return a.concat(b);
}
