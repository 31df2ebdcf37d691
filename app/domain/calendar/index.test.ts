import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  addCalendarDays,
  addCalendarMonths,
  addWorkingDays,
  easterSunday,
  frenchPublicHolidays,
  isWorkingDay,
  nextWorkingDay,
  publicHolidayName,
} from "./index";

describe("easterSunday", () => {
  it.each([
    [2019, "2019-04-21"],
    [2024, "2024-03-31"],
    [2025, "2025-04-20"],
    [2026, "2026-04-05"],
    [2027, "2027-03-28"],
    [2038, "2038-04-25"],
    [2285, "2285-03-22"],
  ])("%i → %s", (year, expected) => expect(easterSunday(year)).toBe(expected));
});

// Published calendars (service-public.fr) for 2024, 2025 and 2026.
const EXPECTED: Record<number, Record<string, string>> = {
  2024: {
    "Jour de l'an": "2024-01-01",
    "Lundi de Pâques": "2024-04-01",
    "Fête du Travail": "2024-05-01",
    "Victoire 1945": "2024-05-08",
    Ascension: "2024-05-09",
    "Lundi de Pentecôte": "2024-05-20",
    "Fête nationale": "2024-07-14",
    Assomption: "2024-08-15",
    Toussaint: "2024-11-01",
    "Armistice 1918": "2024-11-11",
    Noël: "2024-12-25",
  },
  2025: {
    "Jour de l'an": "2025-01-01",
    "Lundi de Pâques": "2025-04-21",
    "Fête du Travail": "2025-05-01",
    "Victoire 1945": "2025-05-08",
    Ascension: "2025-05-29",
    "Lundi de Pentecôte": "2025-06-09",
    "Fête nationale": "2025-07-14",
    Assomption: "2025-08-15",
    Toussaint: "2025-11-01",
    "Armistice 1918": "2025-11-11",
    Noël: "2025-12-25",
  },
  2026: {
    "Jour de l'an": "2026-01-01",
    "Lundi de Pâques": "2026-04-06",
    "Fête du Travail": "2026-05-01",
    "Victoire 1945": "2026-05-08",
    Ascension: "2026-05-14",
    "Lundi de Pentecôte": "2026-05-25",
    "Fête nationale": "2026-07-14",
    Assomption: "2026-08-15",
    Toussaint: "2026-11-01",
    "Armistice 1918": "2026-11-11",
    Noël: "2026-12-25",
  },
};

describe("frenchPublicHolidays", () => {
  for (const [year, holidays] of Object.entries(EXPECTED)) {
    it(`lists the 11 holidays of ${year}`, () => {
      const computed = frenchPublicHolidays(Number(year));
      expect(Object.fromEntries(computed.map((h) => [h.name, h.date]))).toEqual(holidays);
      expect(computed.map((h) => h.date)).toEqual([...computed.map((h) => h.date)].sort());
    });
    for (const [name, date] of Object.entries(holidays)) {
      it(`${date} (${name}) is not a working day`, () => {
        expect(publicHolidayName(date)).toBe(name);
        expect(isWorkingDay(date)).toBe(false);
      });
    }
  }

  it("adds Good Friday and 26 December in Alsace-Moselle only", () => {
    expect(frenchPublicHolidays(2026, { departement: "67" })).toHaveLength(13);
    expect(publicHolidayName("2026-04-03", { departement: "57" })).toBe("Vendredi saint");
    expect(isWorkingDay("2026-12-28", { departement: "68" })).toBe(true);
    expect(isWorkingDay("2026-04-03")).toBe(true);
    expect(isWorkingDay("2025-12-26", { departement: "67" })).toBe(false);
    expect(isWorkingDay("2025-12-26", { departement: "31" })).toBe(true);
  });
});

describe("isWorkingDay", () => {
  it("is false on weekends and true on an ordinary weekday", () => {
    expect(isWorkingDay("2026-01-03")).toBe(false); // Saturday
    expect(isWorkingDay("2026-01-04")).toBe(false); // Sunday
    expect(isWorkingDay("2026-01-05")).toBe(true); // Monday
  });

  it("refuses impossible dates", () => {
    expect(() => isWorkingDay("2026-02-30")).toThrow(RangeError);
    expect(() => isWorkingDay("30/01/2026")).toThrow(RangeError);
  });
});

describe("addWorkingDays", () => {
  it("does not count the start day and skips weekends", () => {
    expect(addWorkingDays("2026-01-09", 5)).toBe("2026-01-16"); // Friday → Friday
    expect(addWorkingDays("2026-01-10", 1)).toBe("2026-01-12"); // Saturday → Monday
  });

  it("skips Ascension, 1 and 8 May and Whit Monday", () => {
    // Thursday 30 April 2026: 1 May (Fri), weekend, 8 May (Fri) are off.
    expect(addWorkingDays("2026-04-30", 5)).toBe("2026-05-11");
    // Ascension Thursday 14 May 2026 and Whit Monday 25 May 2026.
    expect(addWorkingDays("2026-05-12", 5)).toBe("2026-05-20");
    expect(addWorkingDays("2026-05-22", 1)).toBe("2026-05-26");
  });

  it("crosses the year end over Christmas and New Year's Day", () => {
    expect(addWorkingDays("2026-12-24", 4)).toBe("2026-12-31");
    expect(addWorkingDays("2026-12-24", 5)).toBe("2027-01-04");
    expect(addWorkingDays("2026-12-30", 2)).toBe("2027-01-04");
  });

  it("goes backwards and leaves the date unchanged for 0", () => {
    expect(addWorkingDays("2026-01-05", -1)).toBe("2026-01-02");
    expect(addWorkingDays("2026-01-03", 0)).toBe("2026-01-03");
  });

  it("always lands on a working day, and going back returns to the working-day start", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 3650 }), fc.integer({ min: 1, max: 30 }), (offset, days) => {
        const start = nextWorkingDay(addCalendarDays("2024-01-01", offset));
        const end = addWorkingDays(start, days);
        return isWorkingDay(end) && end > start && addWorkingDays(end, -days) === start;
      }),
      { numRuns: 200 },
    );
  });
});

describe("addCalendarMonths", () => {
  it.each([
    ["2026-01-15", 1, "2026-02-15"],
    ["2026-01-31", 1, "2026-02-28"],
    ["2028-01-31", 1, "2028-02-29"],
    ["2026-03-31", 1, "2026-04-30"],
    ["2026-12-31", 2, "2027-02-28"],
    ["2026-03-31", -1, "2026-02-28"],
    ["2026-01-01", 72, "2032-01-01"],
    ["2026-05-10", -12, "2025-05-10"],
  ])("%s + %i months → %s", (date, months, expected) => expect(addCalendarMonths(date, months)).toBe(expected));
});

describe("addCalendarDays", () => {
  it("crosses months, leap days and daylight-saving changes", () => {
    expect(addCalendarDays("2026-03-28", 2)).toBe("2026-03-30");
    expect(addCalendarDays("2028-02-28", 1)).toBe("2028-02-29");
    expect(addCalendarDays("2026-01-01", -1)).toBe("2025-12-31");
    expect(addCalendarDays("2026-10-24", 10)).toBe("2026-11-03");
  });
});
