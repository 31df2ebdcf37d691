// Sections every template shares: the parties' designation, the visas common to every flux convention, the annexes
// and the signatures. Each template adds its own préambule and articles between them.
import type { TemplateSection } from "../app/domain/convention/template-schema";

export const TITRE: TemplateSection = {
  section: "titre",
  blocks: [
    "Convention de réservation de logements locatifs sociaux gérée en flux, pour l'année {{convention.annee}} et les suivantes.",
    "**Entre** {{bailleur.nom}}, représenté par {{bailleur.signataire}}, ci-après « le bailleur »,",
    "**et** {{reservataires.liste}}, ci-après « le réservataire » ou « les réservataires ».",
    "Territoire : {{territoire.libelle}}.",
  ],
};

export const VISAS_COMMUNS = [
  "Vu le code de la construction et de l'habitation, notamment ses articles L. 441-1, R. 441-5, R. 441-5-1 et R. 441-5-2 ;",
  "Vu la loi n° 2018-1021 du 23 novembre 2018 portant évolution du logement, de l'aménagement et du numérique, dite loi ELAN ;",
  "Vu la loi n° 2022-217 du 21 février 2022 relative à la différenciation, la décentralisation, la déconcentration et portant diverses mesures de simplification de l'action publique locale, dite loi 3DS ;",
  "Vu le décret n° 2020-145 du 20 février 2020 relatif à la gestion en flux des réservations de logements locatifs sociaux ;",
];

/** The four annexes; the flux annexe lists the droits-de-suite schedule when `droitsDeSuite` is set. */
export function annexes(options: { droitsDeSuite?: boolean } = {}): TemplateSection[] {
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
        "Assiette de {{flux.assiette}} logements, taux de rotation de {{flux.taux_rotation}} ({{flux.source_rotation}}), déductions prévisionnelles de {{flux.deductions}} logements ({{flux.deductions_detail}}) : le flux annuel s'établit à {{flux.total}} attributions, soit une estimation de {{flux.total_arrondi}} logements.",
        "[[flux_table]]",
        ...(options.droitsDeSuite ? ["### Échéancier des droits de suite", "[[droits_de_suite]]"] : []),
      ],
    },
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
  ];
}

export const SIGNATURES: TemplateSection = {
  section: "signatures",
  title: "Signatures",
  blocks: ["Fait en autant d'exemplaires originaux que de parties.", "[[signatures]]"],
};

/** Articles every flux convention closes with: the yearly bilan, the duration and the disputes. */
export const CLOSING_ARTICLES: TemplateSection[] = [
  {
    section: "article",
    key: "bilan_annuel",
    title: "Bilan annuel et évaluation",
    blocks: [
      "Avant le {{convention.date_bilan}}, puis chaque année avant le 28 février, le bailleur adresse à chaque réservataire le bilan de l'année écoulée : logements proposés et logements attribués, détaillés par réservataire, typologie, financement, commune, période de construction et situation en ou hors quartier prioritaire de la politique de la ville.",
      "Ce bilan est accompagné de la prévision des mutations internes et des relogements à déduire du flux de l'année en cours. Les parties se réunissent au moins une fois par an pour l'examiner et, le cas échéant, ajuster le taux de rotation et les objectifs par voie d'avenant.",
    ],
  },
  {
    section: "article",
    key: "duree",
    title: "Durée, révision et renouvellement",
    blocks: [
      "La présente convention prend effet le {{convention.date_debut}} pour une durée de {{convention.duree}}, soit jusqu'au {{convention.date_fin}}.",
      "Le taux de rotation, l'assiette et les déductions sont actualisés chaque année sans avenant, au vu du bilan. Toute autre modification fait l'objet d'un avenant signé par l'ensemble des parties.",
      "Six mois avant son terme, les parties se rapprochent pour en préparer le renouvellement. À défaut de nouvelle convention, les règles en vigueur continuent de s'appliquer jusqu'à la signature de la suivante.",
    ],
  },
  {
    section: "article",
    key: "litiges",
    title: "Règlement des différends",
    blocks: [
      "Les parties recherchent d'abord un accord amiable. À défaut d'accord dans un délai de deux mois, le différend est porté devant le tribunal administratif territorialement compétent.",
    ],
  },
];
