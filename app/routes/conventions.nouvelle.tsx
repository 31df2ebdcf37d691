import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useState, type FormEvent } from "react";
import { TEMPLATES } from "../../templates";
import { TerritoryPicker } from "~/components/TerritoryPicker";
import { requireUser } from "~/lib/auth.server";
import { newConventionFromForm, NewConventionSchema } from "~/lib/convention-forms";
import { fieldErrors, type FieldErrors } from "~/lib/forms";
import { ORGANISATION_KIND_LABELS, ROLE_LABELS, ROLES } from "~/lib/roles";
import { ConventionCreationError, createConventionFromTemplate } from "~/models/convention.server";
import { listInventoryImports } from "~/models/inventory.server";
import { listOrganisations } from "~/models/organisation.server";

export const meta: MetaFunction = () => [{ title: "Nouvelle convention — Conflux" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, context);
  const organisations = (await listOrganisations(context.db)).filter((o) => o.id !== user.organisationId);
  const imports = user.organisationKind === "bailleur" ? await listInventoryImports(context.db, user.organisationId) : [];
  const nextYear = new Date().getFullYear() + 1;
  return {
    me: { organisationName: user.organisationName, organisationKind: user.organisationKind },
    templates: TEMPLATES.map((t) => ({ id: t.id, title: t.title, description: t.description, multipartite: t.multipartite, kinds: t.reservataireKinds })),
    organisations,
    inventoryYears: [...new Set(imports.map((i) => i.year))],
    defaults: { year: nextYear, startDate: `${nextYear}-01-01` },
  };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireUser(request, context);
  const parsed = NewConventionSchema.safeParse(newConventionFromForm(await request.formData()));
  if (!parsed.success) return data<{ errors: FieldErrors }>({ errors: fieldErrors(parsed.error) }, { status: 400 });
  try {
    const id = await createConventionFromTemplate(context.db, { organisationId: user.organisationId, userId: user.id }, parsed.data);
    return redirect(`/conventions/${id}`, 303);
  } catch (error) {
    if (error instanceof ConventionCreationError)
      return data<{ errors: FieldErrors }>({ errors: { [error.field]: error.message } }, { status: 400 });
    throw error;
  }
}

export default function NewConvention() {
  const { me, templates, organisations, inventoryYears, defaults } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const [clientErrors, setClientErrors] = useState<FieldErrors>({});
  const errors = { ...(result?.errors ?? {}), ...clientErrors };

  // The same schema as the server: mistakes are shown before the round trip, and the server checks again.
  function onSubmit(event: FormEvent<HTMLFormElement>) {
    const parsed = NewConventionSchema.safeParse(newConventionFromForm(new FormData(event.currentTarget)));
    if (!parsed.success) {
      event.preventDefault();
      setClientErrors(fieldErrors(parsed.error));
    } else setClientErrors({});
  }
  const territoryError = Object.entries(errors).find(([field]) => field === "territory" || field.startsWith("territory."))?.[1] ?? undefined;
  const error = (field: string) =>
    errors[field] ? (
      <p id={`${field}-error`} className="field-error">
        {errors[field]}
      </p>
    ) : null;

  return (
    <section>
      <nav aria-label="Fil d'Ariane" className="muted">
        <Link to="/">Mes conventions</Link> › Nouvelle convention
      </nav>
      <h1>Nouvelle convention</h1>
      <p className="muted">
        {me.organisationName} pilote la convention et en rédige le projet ; les parties invitées commentent, négocient et
        approuvent selon leur rôle.
      </p>
      <Form method="post" onSubmit={onSubmit} noValidate className="wizard">
        <fieldset className="card">
          <legend>1. Modèle</legend>
          {templates.map((t, i) => (
            <label key={t.id} className="choice">
              <input type="radio" name="templateId" value={t.id} defaultChecked={i === 0} />
              <span>
                <strong>{t.title}</strong>
                <br />
                <span className="muted">{t.description}</span>
              </span>
            </label>
          ))}
          {error("templateId")}
        </fieldset>
        <fieldset className="card">
          <legend>2. Titre, territoire et période</legend>
          <label htmlFor="title">Titre</label>
          <input id="title" name="title" required aria-invalid={errors.title ? true : undefined} />
          {error("title")}
          <div className="grid-3">
            <div>
              <label htmlFor="year">Année du flux</label>
              <input id="year" name="year" type="number" defaultValue={defaults.year} aria-invalid={errors.year ? true : undefined} />
              {error("year")}
            </div>
            <div>
              <label htmlFor="startDate">Date d'effet</label>
              <input id="startDate" name="startDate" type="date" defaultValue={defaults.startDate} aria-invalid={errors.startDate ? true : undefined} />
              {error("startDate")}
            </div>
          </div>
          <p className="muted small">
            Le territoire décide des logements comptés : tous les chiffres de la convention portent sur les logements
            du bailleur situés sur ce territoire (un département pour le contingent préfectoral et Action Logement, un
            EPCI pour la convention intercommunale, une commune, une liste de communes ou un EPCI pour les collectivités).
          </p>
          <TerritoryPicker name="territory" label="Territoire de la convention" error={territoryError} />
        </fieldset>
        <fieldset className="card">
          <legend>3. Parties et rôles</legend>
          <p className="muted">Votre organisation est partie avec le rôle « Édition ». Choisissez le rôle de chaque autre partie.</p>
          <table className="table">
            <thead>
              <tr>
                <th scope="col">Organisation</th>
                <th scope="col">Type</th>
                <th scope="col">Rôle</th>
              </tr>
            </thead>
            <tbody>
              {organisations.map((o) => (
                <tr key={o.id}>
                  <td>
                    <label htmlFor={`party-${o.id}`} className="inline-label">
                      {o.name}
                    </label>
                  </td>
                  <td>{ORGANISATION_KIND_LABELS[o.kind]}</td>
                  <td>
                    <select id={`party-${o.id}`} name={`party.${o.id}`} defaultValue="">
                      <option value="">— non partie —</option>
                      {[...ROLES].reverse().map((r) => (
                        <option key={r} value={r}>
                          {ROLE_LABELS[r]}
                        </option>
                      ))}
                    </select>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {error("parties")}
        </fieldset>
        <fieldset className="card">
          <legend>4. État des lieux</legend>
          {inventoryYears.length > 0 ? (
            <p>
              Le flux sera calculé à partir du dernier état des lieux importé pour l'année choisie (années disponibles :{" "}
              {inventoryYears.join(", ")}). Un nouvel import mettra à jour la convention en direct.
            </p>
          ) : (
            <p>
              Aucun état des lieux importé pour le moment : les tableaux de flux s'afficheront dès qu'il le sera
              {me.organisationKind === "bailleur" ? (
                <>
                  {" "}
                  (<Link to="/inventaires">importer l'état des lieux</Link>)
                </>
              ) : null}
              .
            </p>
          )}
        </fieldset>
        <button type="submit" disabled={navigation.state === "submitting"}>
          Créer la convention
        </button>
      </Form>
    </section>
  );
}
