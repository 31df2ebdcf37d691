// Action Logement: the framework convention for the employers' contingent, with the transformation of droits de
// suite into droits uniques and mixed management with requalification as options.
import { OPTION_CATALOGUE } from "../app/domain/convention/options";
import type { ConventionTemplateInput } from "../app/domain/convention/template-schema";
import { ABSENCE_DE_CANDIDAT, CLOSING_ARTICLES, SIGNATURES, TITRE, VISAS_COMMUNS, annexes, obligationsArticle } from "./common";

export const actionLogement: ConventionTemplateInput = {
  id: "action-logement",
  version: "1.1.0",
  title: "Action Logement",
  description:
    "Convention cadre de réservation en flux entre un bailleur et Action Logement Services pour le logement des salariés, avec transformation possible des droits de suite et gestion mixte.",
  reservataireKinds: ["action_logement"],
  multipartite: false,
  territoryKinds: ["departement"],
  defaults: {
    parameters: {},
    durationYears: 6,
    options: {},
  },
  options: [
    OPTION_CATALOGUE.gestion_action_logement,
    OPTION_CATALOGUE.droits_de_suite,
    OPTION_CATALOGUE.decompte,
    OPTION_CATALOGUE.programmes_neufs,
    OPTION_CATALOGUE.definition_rotation,
    OPTION_CATALOGUE.logements_etudiants_specifiques,
  ],
  sections: [
    TITRE,
    {
      section: "visas",
      title: "Visas",
      blocks: [
        ...VISAS_COMMUNS,
        "Vu les droits de réservation d'Action Logement Services, acquis en contrepartie des financements issus de la participation des employeurs à l'effort de construction ;",
        "Vu les conventions de réservation conclues antérieurement entre les parties, dont les réservations en cours figurent en annexe.",
      ],
    },
    {
      section: "preambule",
      title: "Préambule",
      blocks: [
        "Action Logement Services finance le logement social au moyen de la participation des employeurs et obtient en contrepartie des droits de réservation au bénéfice des salariés des entreprises cotisantes.",
        "Ces droits, souvent attachés à des programmes pour une durée déterminée (droits de suite), sont désormais exprimés en flux annuel. Les parties conviennent ici de la méthode de conversion, du mode de gestion et du fait générateur du décompte, en tenant compte des positions du référentiel interbailleurs.",
      ],
    },
    {
      section: "article",
      key: "objet",
      title: "Objet",
      blocks: [
        "La présente convention fixe la part du flux annuel d'attributions de {{bailleur.nom}} dans le département de {{territoire.departement}} réservée à {{reservataire.nom}} pour le logement des salariés, et les règles de sa gestion.",
      ],
    },
    {
      section: "article",
      key: "patrimoine",
      title: "Logements concernés",
      blocks: [
        "Le flux porte sur les logements locatifs sociaux du bailleur situés sur {{territoire.libelle}}, soit {{flux.assiette}} logements compris dans l'assiette au {{convention.date_etat_des_lieux}}.",
        "Sont toujours exclus du flux, et restent gérés comme des logements identifiés, les logements réservés à la défense nationale, à la sécurité intérieure et aux établissements publics de santé, ainsi que les logements inscrits au plan de vente du bailleur ou voués à la démolition. {{option:logements_etudiants_specifiques}} Le décompte figure en annexe.",
      ],
    },
    {
      section: "article",
      key: "publics",
      title: "Bénéficiaires",
      blocks: [
        "Les logements sont attribués à des salariés des entreprises assujetties à la participation des employeurs, en priorité à ceux dont l'accès à l'emploi ou le maintien dans l'emploi dépend d'une solution de logement, ainsi qu'aux salariés reconnus prioritaires au titre de l'article L. 441-1.",
      ],
    },
    {
      section: "article",
      key: "conversion",
      title: "Conversion des droits en flux",
      blocks: [
        "{{option:definition_rotation}}",
        "{{option:droits_de_suite}}",
        "Pour l'année {{convention.annee}}, le taux retenu est le {{flux.source_rotation}}, et le flux du bailleur est égal à l'assiette multipliée par ce taux, diminuée des déductions prévues : {{flux.calcul}}, soit une estimation de {{flux.total_arrondi}} logements. La part d'Action Logement représente {{flux.part_kind:action_logement}} de ce flux, soit {{flux.volume_arrondi_kind:action_logement}} logements ; l'engagement des parties porte sur ce pourcentage.",
      ],
    },
    {
      section: "article",
      key: "echeancier",
      title: "Évolution des droits dans le temps",
      blocks: [
        "Les droits d'Action Logement s'éteignant réservation par réservation, sa part diminue d'année en année jusqu'à la dernière échéance. L'annexe « Réservations en cours et dates d'extinction » en donne la liste, commune par commune, avec la date d'extinction de chaque droit ; lorsque la transformation des droits de suite est retenue, l'échéancier des droits uniques figure à l'annexe relative au calcul du flux. Les droits nés de nouveaux financements s'y ajoutent.",
        "{{convention.mise_a_jour_annuelle}}",
      ],
    },
    {
      section: "article",
      key: "gestion",
      title: "Mode de gestion",
      blocks: [
        "{{option:gestion_action_logement}}",
      ],
    },
    {
      section: "article",
      key: "signalement",
      title: "Mise à disposition des logements",
      blocks: [
        "Le bailleur publie sur AL'in, ou transmet à Action Logement Services, chaque logement libéré relevant de son flux, avec ses caractéristiques et sa date de disponibilité, dans les délais suivants :",
        "[[deadlines]]",
      ],
    },
    {
      section: "article",
      key: "designation",
      title: "Désignation, absence de candidat et décisions de la commission",
      blocks: [
        "Action Logement Services propose trois candidats par logement. La commission d'attribution décide souverainement et motive ses refus.",
        ABSENCE_DE_CANDIDAT,
      ],
    },
    {
      section: "article",
      key: "decompte",
      title: "Décompte des attributions",
      blocks: ["{{option:decompte}}"],
    },
    {
      section: "article",
      key: "programmes_neufs",
      title: "Programmes neufs",
      blocks: ["{{option:programmes_neufs}}"],
    },
    {
      section: "article",
      key: "information",
      title: "Information sur les baux et les refus",
      blocks: [
        "Le bailleur informe Action Logement Services de chaque bail signé au titre de son flux et l'enregistre dans le système national d'enregistrement ; il lui transmet les refus des candidats avec leur motif.",
      ],
    },
    obligationsArticle({ priorities: true }),
    ...CLOSING_ARTICLES,
    ...annexes({ droitsDeSuite: true, reservations: true }),
    SIGNATURES,
  ],
};
