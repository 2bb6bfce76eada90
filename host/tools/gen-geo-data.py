#!/usr/bin/env python3
"""Generates host/geo_countries.c and host/geo_regions.c from the iso-codes
package (Debian: iso-codes) plus the hand-written tables below: country and
region codes and their names in many languages. Calling codes and trunk
prefixes are not here: host/countries.c owns them.

Run from the source root:  python3 host/tools/gen-geo-data.py
The output is committed; the build does not run this script. Re-run it when
iso-codes gains countries or translations, and review the diff.
"""
import gettext
import json

ISO = '/usr/share/iso-codes/json'
LOCALEDIR = '/usr/share/locale'
LANGS = ['de', 'fr', 'es', 'it', 'pt', 'pt_BR', 'nl', 'pl', 'sv', 'tr', 'ru', 'ja',
         'zh_CN', 'zh_TW', 'ko']

# English display name where the ISO short name is not what people use.
DISPLAY = {'RU': 'Russia', 'GB': 'United Kingdom', 'US': 'United States',
           'VA': 'Vatican City', 'FM': 'Micronesia', 'PS': 'Palestine',
           'BN': 'Brunei', 'CD': 'Congo (DRC)', 'MK': 'North Macedonia'}

ALIASES = {
 'US': 'USA|U.S.A.|U.S.|US of A|United States of America|America|Vereinigte Staaten von Amerika|'
       'Estados Unidos de América|États-Unis d\'Amérique|Stati Uniti d\'America|'
       'Verenigde Staten van Amerika|Stany Zjednoczone Ameryki|Amerikas förenta stater|'
       'Amerika Birleşik Devletleri|ABD|Соединённые Штаты Америки|США|アメリカ|アメリカ合衆国|美国|美國|미국',
 'GB': 'UK|U.K.|Great Britain|Britain|England|Scotland|Wales|Northern Ireland|Großbritannien|'
       'Grossbritannien|Grande-Bretagne|Gran Bretaña|Gran Bretagna|Grã-Bretanha|'
       'Groot-Brittannië|Storbritannien|Büyük Britanya|İngiltere|Великобритания|'
       'イギリス|英國|영국',
 'DE': 'Federal Republic of Germany|Bundesrepublik Deutschland|BRD',
 'KR': 'Korea, South|Republic of Korea|Südkorea|Corée du Sud|Corea del Sur|Corea del Sud|'
       'Coreia do Sul|Zuid-Korea|Korea Południowa|Güney Kore|Южная Корея|韓国|韩国|南韓|한국',
 'KP': 'Korea, North|Nordkorea|Corée du Nord|Corea del Norte|Corea del Nord|Coreia do Norte|'
       'Noord-Korea|Korea Północna|Kuzey Kore|Северная Корея|北朝鮮|朝鲜|북한',
 'RU': 'Russland|Russie|Rusia|Rússia|Rusland|Rosja|Ryssland|Rusya|Россия|ロシア|俄罗斯|俄羅斯|러시아',
 'CZ': 'Czech Republic|Tschechien|Tschechische Republik|Tchéquie|République tchèque|'
       'República Checa|Repubblica Ceca|República Tcheca|Tsjechië|Czechy|Tjeckien|Çekya|Чехия',
 'NL': 'Holland|The Netherlands|Netherlands, The|Niederlande|Pays-Bas|Países Bajos|Paesi Bassi|'
       'Países Baixos|Holandia|Holanda|Nederländerna|Hollanda|Нидерланды|オランダ|荷兰|荷蘭|네덜란드',
 'TW': 'Taiwan, Province of China|Taiwán|Taïwan|Tajwan|Tayvan|Тайвань|台湾|台灣|대만',
 'CN': 'PRC|People\'s Republic of China|中国|中國|중국',
 'MK': 'Macedonia|Nordmazedonien|Macédoine du Nord|Macedonia del Norte|Macedonia del Nord|'
       'Macedónia do Norte|Noord-Macedonië|Macedonia Północna|Nordmakedonien|Kuzey Makedonya|'
       'Северная Македония',
 'CD': 'DR Congo|DRC|Congo-Kinshasa|Democratic Republic of the Congo',
 'CG': 'Congo-Brazzaville|Republic of the Congo|Congo Republic',
 'CI': 'Ivory Coast|Côte d\'Ivoire|Elfenbeinküste',
 'VA': 'Vatican|Holy See|Vatikan|Vatikanstadt',
 'PS': 'Palestine|Palästina|Palestinian Territories',
 'BN': 'Brunei|Brunei Darussalam',
 'TR': 'Turkey|Türkiye|Türkei|Turquie|Turquía|Turchia|Turquia|Turkije|Turcja|Turkiet|Турция|トルコ|土耳其|튀르키예|터키',
 'SZ': 'Swaziland|Eswatini', 'CV': 'Cape Verde|Cabo Verde', 'TL': 'East Timor|Timor-Leste',
 'MM': 'Burma|Myanmar', 'AE': 'UAE|U.A.E.|Emirates|VAE|Vereinigte Arabische Emirate',
 'BA': 'Bosnia|Bosnia-Herzegovina|Bosnien und Herzegowina', 'HK': 'Hong Kong SAR|香港',
 'MO': 'Macau|Macao SAR|澳门|澳門', 'KN': 'St Kitts and Nevis|St. Kitts and Nevis|St Kitts',
 'LC': 'St Lucia|St. Lucia', 'VC': 'St Vincent and the Grenadines|St. Vincent',
 'FK': 'Falklands|Falkland Islands', 'VG': 'British Virgin Islands|BVI',
 'VI': 'US Virgin Islands|U.S. Virgin Islands|USVI', 'IR': 'Iran, Islamic Republic of|Persia',
 'SY': 'Syria', 'VN': 'Viet Nam|Vietnam', 'LA': 'Lao PDR', 'FM': 'Micronesia, Federated States of',
 'CH': 'Schweiz|Suisse|Svizzera|Swiss Confederation', 'AT': 'Österreich|Oesterreich',
 'IE': 'Éire|Republic of Ireland', 'PL': 'Polska', 'JP': 'Nippon|Nihon|日本国',
 'ES': 'España|Espana|Espanya', 'IT': 'Italia', 'BR': 'Brasil', 'MX': 'México|Mexiko',
 'SE': 'Sverige', 'NO': 'Norge', 'DK': 'Danmark', 'FI': 'Suomi', 'GR': 'Hellas|Ελλάδα',
 'BE': 'België|Belgique|Belgien', 'SA': 'KSA', 'NZ': 'Aotearoa', 'IN': 'Bharat|भारत',
}

# Subdivisions kept (country → which of the 3166-2 types) and extra names.
REGION_COUNTRIES = ['US', 'CA', 'AU', 'DE', 'IN', 'BR', 'MX', 'JP']
REGION_ALIASES = {
 'US-DC': 'Washington DC|Washington D.C.|D.C.', 'CA-QC': 'Québec|PQ', 'CA-NL': 'Newfoundland|NF',
 'CA-PE': 'PEI', 'CA-YT': 'Yukon Territory', 'DE-BY': 'Bavaria', 'DE-NW': 'North Rhine-Westphalia|NRW',
 'DE-NI': 'Lower Saxony', 'DE-RP': 'Rhineland-Palatinate', 'DE-SN': 'Saxony', 'DE-ST': 'Saxony-Anhalt',
 'DE-TH': 'Thuringia', 'DE-HE': 'Hesse', 'DE-MV': 'Mecklenburg-Western Pomerania',
 'DE-BW': 'Baden-Wuerttemberg', 'MX-CMX': 'CDMX|Ciudad de México|Mexico City|Distrito Federal|DF',
 'MX-MEX': 'Estado de México|State of Mexico|Edomex', 'MX-AGU': 'AGS', 'MX-BCN': 'BC',
 'MX-BCS': 'BCS', 'MX-NLE': 'NL', 'MX-QUE': 'Querétaro|QRO', 'MX-ROO': 'QROO',
 'MX-CHH': 'CHIH', 'MX-COA': 'COAH', 'MX-YUC': 'YUC', 'MX-JAL': 'JAL', 'MX-MIC': 'Michoacán|MICH',
 'MX-SLP': 'San Luis Potosí', 'MX-VER': 'Veracruz', 'BR-DF': 'Brasília',
 'IN-DL': 'New Delhi', 'IN-OR': 'Orissa', 'IN-UK': 'Uttaranchal', 'IN-PY': 'Pondicherry',
}
JP_PREFECTURES = ('北海道 青森県 岩手県 宮城県 秋田県 山形県 福島県 茨城県 栃木県 群馬県 埼玉県 千葉県 '
                  '東京都 神奈川県 新潟県 富山県 石川県 福井県 山梨県 長野県 岐阜県 静岡県 愛知県 '
                  '三重県 滋賀県 京都府 大阪府 兵庫県 奈良県 和歌山県 鳥取県 島根県 岡山県 広島県 '
                  '山口県 徳島県 香川県 愛媛県 高知県 福岡県 佐賀県 長崎県 熊本県 大分県 宮崎県 '
                  '鹿児島県 沖縄県').split()


def c_string(s):
    return '"' + s.replace('\\', '\\\\').replace('"', '\\"') + '"'


def country_names(entry, translations):
    names = [DISPLAY.get(entry['alpha_2'], entry.get('common_name', entry['name']))]
    def add(n):
        n = n.strip()
        if n and n not in names and '|' not in n:
            names.append(n)
    for key in ('name', 'common_name', 'official_name'):
        if key in entry:
            add(entry[key])
    for t in translations:
        for key in ('name', 'common_name', 'official_name'):
            if key in entry:
                v = t.gettext(entry[key])
                if v != entry[key]:
                    add(v)
                    if '(' in v and v.endswith(')'):
                        add(v[:v.index('(')])
                        add(v[v.index('(') + 1:-1])
    for a in ALIASES.get(entry['alpha_2'], '').split('|'):
        add(a)
    return names


def main():
    countries = json.load(open(f'{ISO}/iso_3166-1.json'))['3166-1']
    translations = [gettext.translation('iso_3166-1', LOCALEDIR, languages=[l]) for l in LANGS]
    countries.sort(key=lambda e: e['alpha_2'])
    out = ['/* GENERATED by host/tools/gen-geo-data.py from iso-codes ' +
           'and its hand tables: do not edit, re-run the script. */',
           '#include "geo_data.h"', '',
           'const GeoCountry geo_countries[] = {']
    for e in countries:
        a2 = e['alpha_2']
        names = country_names(e, translations)
        out.append(f'    {{"{a2}", "{e["alpha_3"]}",')
        out.append(f'     {c_string("|".join(names))}}},')
    out += ['};', '', 'const size_t geo_countries_count = G_N_ELEMENTS(geo_countries);', '']
    open('host/geo_countries.c', 'w').write('\n'.join(out))

    regions = json.load(open(f'{ISO}/iso_3166-2.json'))['3166-2']
    rt = [gettext.translation('iso_3166-2', LOCALEDIR, languages=[l]) for l in ['en', 'de', 'fr', 'es', 'pt', 'ja'] if gettext.find('iso_3166-2', LOCALEDIR, [l])]
    out = ['/* GENERATED by host/tools/gen-geo-data.py from iso-codes ' +
           'and its hand tables: do not edit, re-run the script. */',
           '#include "geo_data.h"', '', 'const GeoRegion geo_regions[] = {']
    for cc in REGION_COUNTRIES:
        subs = sorted((r for r in regions if r['code'].startswith(cc + '-') and '-' not in r['code'][3:]),
                      key=lambda r: r['code'])
        if cc == 'US':
            subs = [r for r in subs if r['type'] != 'Outlying area' or r['code'] == 'US-UM']
        for r in subs:
            code = r['code'][3:]
            names = [r['name']]
            for t in rt:
                v = t.gettext(r['name'])
                if v not in names:
                    names.append(v)
            if cc == 'JP':
                kanji = JP_PREFECTURES[int(code) - 1]
                extra = [kanji, kanji if kanji == '北海道' else kanji[:-1]]
            else:
                extra = []
            for a in extra + REGION_ALIASES.get(r['code'], '').split('|'):
                if a and a not in names:
                    names.append(a)
            out.append(f'    {{"{cc}", "{code}", {c_string("|".join(names))}}},')
    out += ['};', '', 'const size_t geo_regions_count = G_N_ELEMENTS(geo_regions);', '']
    open('host/geo_regions.c', 'w').write('\n'.join(out))


if __name__ == '__main__':
    main()
