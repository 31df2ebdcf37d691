// Sections every template shares: the parties' designation, the visas common to every flux convention, the annexes
// and the signatures. Each template adds its own préambule and articles between them.
import type { TemplateSection } from "../app/domain/convention/template-schema";

export const TITRE: TemplateSection = {
  section: "titre",
  blocks: [
    "Convention de réservation de logements locatifs sociaux gérée en flux, pour l'année {{convention.annee}} et les suivantes.",
    "**Entre** {{bailleur.designation}}, ci-après « le bailleur »,",
    "**et** {{reservataires.designation}}, ci-après « le réservataire ».",
    "Territoire : {{territoire.libelle}}.",
  ],
};

export const VISAS_COMMUNS = [
  "Vu le code de la construction et de l'habitation, notamment ses articles L. 441-1 et R. 441-5 ;",
  "Vu la loi n° 2018-1021 du 23 novembre 2018 portant évolution du logement, de l'aménagement et du numérique, dite loi ELAN ;",
  "Vu la loi n° 2022-217 du 21 février 2022 relative à la différenciation, la décentralisation, la déconcentration et portant diverses mesures de simplification de l'action publique locale, dite loi 3DS ;",
  "Vu le décret n° 2020-145 du 20 février 2020 relatif à la gestion en flux des réservations de logements locatifs sociaux ;",
];

/**
 * The annexes: état des lieux, calculation of the flux (with the droits-de-suite schedule when `droitsDeSuite` is
 * set), the reservations in force and their expiry when `reservations` is set (the collectivités' and Action
 * Logement's articles announce them), excluded dwellings, contacts, and an informative example of the deadlines.
 */
export function annexes(options: { droitsDeSuite?: boolean; reservations?: boolean } = {}): TemplateSection[] {
  return [
    {
      section: "annexe",
      key: "etat_des_lieux",
      title: "État des lieux des réservations",
      blocks: [
        "Le tableau ci-dessous résume l'état des lieux des logements du bailleur situés sur {{territoire.libelle}}, au {{convention.date_etat_des_lieux}}, par réservataire, commune, typologie, financement et situation au regard des quartiers prioritaires.",
        "[[etat_des_lieux]]",
      ],
    },
    {
      section: "annexe",
      key: "calcul_flux",
      title: "Calcul du flux annuel",
      blocks: [
        "### Taux de rotation",
        "[[rotation]]",
        "### Répartition du flux de l'année {{convention.annee}}",
        "Le taux retenu est le {{flux.source_rotation}}. Le flux annuel est égal à l'assiette multipliée par ce taux, diminuée des déductions prévisionnelles : {{flux.calcul}}, soit une estimation de {{flux.total_arrondi}} logements.",
        "[[flux_table]]",
        ...(options.droitsDeSuite ? ["### Échéancier des droits de suite", "[[droits_de_suite]]"] : []),
      ],
    },
    ...(options.reservations
      ? [
          {
            section: "annexe" as const,
            key: "reservations",
            title: "Réservations en cours et dates d'extinction",
            blocks: [
              "Le tableau ci-dessous liste, commune par commune et réservation par réservation, les logements de l'assiette que détient le réservataire au {{convention.date_etat_des_lieux}}, avec la date à laquelle chaque droit s'éteint, d'après l'état des lieux du bailleur.",
              "[[reservations]]",
            ],
          },
        ]
      : []),
    {
      section: "annexe",
      key: "logements_exclus",
      title: "Logements exclus du flux",
      blocks: [
        "Restent toujours hors du flux les logements réservés à la défense nationale, à la sécurité intérieure et aux établissements publics de santé, ainsi que les logements inscrits au plan de vente ou voués à la démolition ; les logements étudiants et spécifiques en sont exclus sauf choix contraire de la convention.",
        "[[exclusions]]",
      ],
    },
    {
      section: "annexe",
      key: "contacts",
      title: "Contacts des parties",
      blocks: ["[[contacts]]"],
    },
    {
      section: "annexe",
      key: "exemple_delais",
      title: "Exemple de calcul des délais (annexe informative)",
      blocks: [
        "Cette annexe illustre sur le calendrier de l'année {{convention.annee}} les délais de gestion directe fixés par la convention. Elle n'a pas de valeur contractuelle : seuls les délais stipulés dans les articles font foi.",
        "[[deadlines_example]]",
      ],
    },
  ];
}

/**
 * What every template says when the réservataire presents no candidate in time: one sentence, so that no article
 * says "pour son propre compte" where another says "pour une attribution".
 */
export const ABSENCE_DE_CANDIDAT =
  "À défaut de candidat présenté dans le délai, le bailleur peut retenir un demandeur inscrit au fichier partagé de la demande et l'imputer au réservataire, ou reprendre le logement pour une seule attribution, pour son propre compte. Si le réservataire présente moins de trois candidats, il en explique les raisons par écrit et le bailleur complète la liste.";

/** The first obligation of article L. 441-1 (docs/domain.md, "Obligations de l'article L. 441-1"), which binds the bailleur. */
export const OBLIGATION_PREMIER_QUARTILE =
  "En application de l'article L. 441-1 du code de la construction et de l'habitation, là où cette obligation s'applique, au moins 25 % des attributions annuelles, suivies de baux signés, de logements situés en dehors des quartiers prioritaires de la politique de la ville sont consacrées à des demandeurs dont les ressources par unité de consommation sont inférieures au premier quartile des demandeurs de logement social, ou à des ménages relogés dans le cadre d'une opération de renouvellement urbain ou de requalification d'une copropriété dégradée. Le bilan annuel en rend compte.";

/** The article quoting the L. 441-1 obligations; `priorities` adds the one of collectivités and Action Logement. */
export function obligationsArticle(options: { priorities: boolean }): TemplateSection {
  return {
    section: "article",
    key: "objectifs_attribution",
    title: "Objectifs d'attribution de l'article L. 441-1",
    blocks: [OBLIGATION_PREMIER_QUARTILE, ...(options.priorities ? ["{{convention.obligation_prioritaires}}"] : [])],
  };
}

export const SIGNATURES: TemplateSection = {
  section: "signatures",
  title: "Signatures",
  blocks: ["Fait en autant d'exemplaires originaux que de parties.", "[[signatures]]"],
};

/** Articles every flux convention closes with: the yearly bilan and update, the duration and the disputes. */
export const CLOSING_ARTICLES: TemplateSection[] = [
  {
    section: "article",
    key: "bilan_annuel",
    title: "Bilan annuel et mise à jour",
    blocks: [
      "Avant le {{convention.date_bilan}}, puis chaque année avant le 28 février, le bailleur adresse à chaque réservataire le bilan de l'année écoulée : logements proposés et logements attribués, détaillés par réservataire, typologie, financement, commune, période de construction et situation en ou hors quartier prioritaire de la politique de la ville. Ce bilan est accompagné de la prévision des mutations internes et des relogements à déduire du flux de l'année en cours ; les parties se réunissent au moins une fois par an pour l'examiner.",
      "{{convention.mise_a_jour_annuelle}}",
    ],
  },
  {
    section: "article",
    key: "duree",
    title: "Durée, révision et renouvellement",
    blocks: [
      "La présente convention prend effet le {{convention.date_debut}} pour une durée de {{convention.duree}}, soit jusqu'au {{convention.date_fin}}.",
      "{{convention.avenant}}",
      "Six mois avant son terme, les parties se rapprochent pour en préparer le renouvellement. À défaut de nouvelle convention, les règles en vigueur continuent de s'appliquer jusqu'à la signature de la suivante.",
    ],
  },
  {
    section: "article",
    key: "litiges",
    title: "Règlement des différends",
    blocks: ["{{convention.reglement_differends}}"],
  },
];
