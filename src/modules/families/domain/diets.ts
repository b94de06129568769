/**
 * The meals a canteen may be asked for. The CNIL's norm for school services lets a commune record a
 * meal choice (without pork, without meat, vegetarian) and the existence of a PAI for an allergy,
 * never the religion or the illness behind them: so these are choices of a meal, nothing more.
 */
const diets: Record<string, string> = {
  standard: 'Menu standard',
  'sans-porc': 'Sans porc',
  'sans-viande': 'Sans viande',
  vegetarien: 'Végétarien',
  'pai-panier-repas': 'Allergie avec PAI (panier repas fourni)',
};

export const DIETS = Object.keys(diets);
export const dietOptions = Object.entries(diets).map(([value, label]) => ({ value, label }));

export function dietLabel(diet: string): string {
  return diets[diet] ?? diet;
}
