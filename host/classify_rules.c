/*
 * classify_rules.c — the words that say what a field wants, as data.
 *
 * RECIPE: a new language or rule is a row in a table plus a test case.
 *   1. Add a row to `rules` below: the concept, the words as a user sees
 *      them (any case, accents and separators: they are normalised with
 *      text_normalize() like the page text), the ISO 639-1 language ("*"
 *      when shared), a weight 1-10, the sources it reads (RULE_TEXT = label,
 *      placeholder, name and id; RULE_ALL adds the surrounding text) and why.
 *      Patterns match whole words; a '*' at an end lets the match run into a
 *      longer word ("*vorname" finds "Rechnungsvorname"). Patterns written
 *      in a script without spaces (Chinese, Japanese, Korean) match
 *      anywhere. A multi-word Latin pattern also matches its words joined
 *      ("first name" finds "firstname").
 *   2. Add a row to tests/data/classify-cases.tsv that needs the new rule,
 *      and run `meson test -C build classify`.
 *   3. Run the corpus scan (tests/corpus/) and check nothing else moved.
 *   Ask of every rule: would this be right on a random other shop? Never
 *   name a site, a page or a framework's private id scheme.
 *
 * Weights: 9-10 decisive phrases ("card number", "password"); 6-8 the usual
 * label of a field ("city"); 3-5 words that need support from another
 * source or a neighbour ("name", "number", "month"). Negative rules are
 * deliberately strong: a missed fill costs a click, a wrong fill costs trust.
 *
 * DESIGN: rows are compiled once (classify_rules_match's first call) into a
 * WordMatcher over the normalised patterns; matching a text is one pass
 * whatever the number of rows.
 */
#include "classify_rules.h"

#include "text_normalize.h"
#include "wordmatch.h"

#include <string.h>

#define L RULE_LABEL
#define P RULE_PLACEHOLDER
#define A RULE_ATTRIBUTE
#define C RULE_CONTEXT
#define T RULE_TEXT
#define ALL RULE_ALL

#define R(concept, pattern, language, weight, sources, note)                                   \
    {CONCEPT_##concept, pattern, language, weight, sources, note}
#define H(hint, pattern, language, weight, sources, note)                                      \
    {HINT_##hint, pattern, language, weight, sources, note}
#define NEG(pattern, language, weight, sources, note)                                          \
    {CONCEPT_NEGATIVE, pattern, language, weight, sources, note}

static const ClassifyRule rules[] = {
    /* ---- e-mail ---- */
    R(EMAIL, "email", "*", 8, T, "the common word in most languages"),
    R(EMAIL, "e-mail", "*", 8, T, "hyphenated spelling"),
    R(EMAIL, "email address", "en", 9, T, "full English label"),
    R(EMAIL, "mail", "*", 5, T, "short form, often the name attribute"),
    R(EMAIL, "mail address", "en", 8, T, "mail address"),
    R(EMAIL, "emailaddress", "en", 9, A, "joined name attribute"),
    R(EMAIL, "e-mail-adresse", "de", 9, T, "German"),
    R(EMAIL, "mailadresse", "de", 8, T, "German"),
    R(EMAIL, "courriel", "fr", 9, T, "French"),
    R(EMAIL, "adresse electronique", "fr", 9, T, "French"),
    R(EMAIL, "adresse mail", "fr", 9, T, "French"),
    R(EMAIL, "correo electronico", "es", 9, T, "Spanish"),
    R(EMAIL, "correo", "es", 7, T, "Spanish"),
    R(EMAIL, "posta elettronica", "it", 9, T, "Italian"),
    R(EMAIL, "indirizzo email", "it", 9, T, "Italian"),
    R(EMAIL, "correio eletronico", "pt", 9, T, "Portuguese"),
    R(EMAIL, "endereco de email", "pt", 9, T, "Portuguese"),
    R(EMAIL, "e-mailadres", "nl", 9, T, "Dutch"),
    R(EMAIL, "emailadres", "nl", 9, T, "Dutch"),
    R(EMAIL, "adres e-mail", "pl", 9, T, "Polish"),
    R(EMAIL, "poczta", "pl", 6, T, "Polish: mail"),
    R(EMAIL, "e-post", "sv", 9, T, "Swedish"),
    R(EMAIL, "e-postadress", "sv", 9, T, "Swedish"),
    R(EMAIL, "e-posta", "tr", 9, T, "Turkish"),
    R(EMAIL, "eposta", "tr", 9, T, "Turkish"),
    R(EMAIL, "электронная почта", "ru", 9, T, "Russian"),
    R(EMAIL, "эл почта", "ru", 9, T, "Russian, abbreviated"),
    R(EMAIL, "почта", "ru", 7, T, "Russian: mail"),
    R(EMAIL, "メールアドレス", "ja", 9, T, "Japanese"),
    R(EMAIL, "メール", "ja", 7, T, "Japanese: mail"),
    R(EMAIL, "電子メール", "ja", 9, T, "Japanese"),
    R(EMAIL, "电子邮件", "zh", 9, T, "Chinese (simplified)"),
    R(EMAIL, "电子邮箱", "zh", 9, T, "Chinese (simplified)"),
    R(EMAIL, "邮箱", "zh", 8, T, "Chinese (simplified): mailbox"),
    R(EMAIL, "郵箱", "zh", 8, T, "Chinese (traditional)"),
    R(EMAIL, "電子郵件", "zh", 9, T, "Chinese (traditional)"),
    R(EMAIL, "이메일", "ko", 9, T, "Korean"),
    R(EMAIL, "전자우편", "ko", 9, T, "Korean"),

    /* ---- telephone ---- */
    R(TEL, "phone", "en", 8, T, "phone"),
    R(TEL, "phone number", "en", 9, T, "phone number"),
    R(TEL, "telephone", "*", 8, T, "English and French"),
    R(TEL, "tel", "*", 6, T, "abbreviation, common in name attributes"),
    R(TEL, "mobile", "*", 7, T, "English and French"),
    R(TEL, "mobile number", "en", 9, T, "mobile number"),
    R(TEL, "mobile phone", "en", 9, T, "mobile phone"),
    R(TEL, "cell", "en", 6, T, "US English"),
    R(TEL, "cell phone", "en", 9, T, "US English"),
    R(TEL, "contact number", "en", 8, T, "contact number"),
    R(TEL, "phonenumber", "en", 9, A, "joined attribute"),
    R(TEL, "landline", "en", 9, T, "so that 'land' is not read as a country"),
    R(TEL, "land line", "en", 9, T, "so that 'land' is not read as a country"),
    R(TEL, "telefon", "*", 8, T, "German, Polish, Swedish, Turkish"),
    R(TEL, "telefonnummer", "*", 9, T, "German, Swedish"),
    R(TEL, "handynummer", "de", 9, T, "German: mobile"),
    R(TEL, "handy", "de", 7, T, "German: mobile"),
    R(TEL, "mobilnummer", "*", 9, T, "German, Swedish"),
    R(TEL, "rufnummer", "de", 8, T, "German"),
    R(TEL, "numero de telephone", "fr", 9, T, "French"),
    R(TEL, "portable", "fr", 6, T, "French: mobile"),
    R(TEL, "telefono", "*", 8, T, "Spanish, Italian"),
    R(TEL, "numero de telefono", "es", 9, T, "Spanish"),
    R(TEL, "movil", "es", 7, T, "Spanish: mobile"),
    R(TEL, "celular", "*", 8, T, "Spanish, Portuguese"),
    R(TEL, "cellulare", "it", 8, T, "Italian"),
    R(TEL, "numero di telefono", "it", 9, T, "Italian"),
    R(TEL, "telefone", "pt", 8, T, "Portuguese"),
    R(TEL, "telemovel", "pt", 8, T, "Portuguese (Portugal)"),
    R(TEL, "telefoon", "nl", 8, T, "Dutch"),
    R(TEL, "telefoonnummer", "nl", 9, T, "Dutch"),
    R(TEL, "mobiel", "nl", 7, T, "Dutch"),
    R(TEL, "numer telefonu", "pl", 9, T, "Polish"),
    R(TEL, "komorka", "pl", 7, T, "Polish: mobile"),
    R(TEL, "cep telefonu", "tr", 9, T, "Turkish: mobile"),
    R(TEL, "gsm", "*", 6, T, "Turkish, Dutch, Belgian French: mobile"),
    R(TEL, "телефон", "ru", 8, T, "Russian"),
    R(TEL, "номер телефона", "ru", 9, T, "Russian"),
    R(TEL, "мобильный", "ru", 7, T, "Russian: mobile"),
    R(TEL, "電話番号", "ja", 9, T, "Japanese"),
    R(TEL, "電話", "*", 8, T, "Japanese, Chinese (traditional)"),
    R(TEL, "携帯", "ja", 7, T, "Japanese: mobile"),
    R(TEL, "电话", "zh", 8, T, "Chinese"),
    R(TEL, "手机", "zh", 8, T, "Chinese: mobile"),
    R(TEL, "手機", "zh", 8, T, "Chinese (traditional): mobile"),
    R(TEL, "전화", "ko", 8, T, "Korean"),
    R(TEL, "전화번호", "ko", 9, T, "Korean"),
    R(TEL, "휴대폰", "ko", 8, T, "Korean: mobile"),
    R(TEL, "핸드폰", "ko", 8, T, "Korean: mobile"),
    R(TEL_EXTENSION, "ext", "en", 6, T, "extension after the number"),
    R(TEL_EXTENSION, "extension", "en", 7, T, "extension"),
    R(TEL_EXTENSION, "durchwahl", "de", 8, T, "German"),
    R(TEL_AREA_CODE, "area code", "en", 8, T, "area code"),
    R(TEL_AREA_CODE, "vorwahl", "de", 8, T, "German"),
    R(TEL_COUNTRY_CODE, "dial code", "en", 8, T, "dialling code picker"),
    R(TEL_COUNTRY_CODE, "dialing code", "en", 8, T, "dialling code picker"),
    R(TEL_COUNTRY_CODE, "calling code", "en", 8, T, "dialling code picker"),
    R(TEL_COUNTRY_CODE, "phone prefix", "en", 8, T, "dialling code picker"),
    R(TEL_COUNTRY_CODE, "landesvorwahl", "de", 9, T, "German"),
    R(TEL_COUNTRY_CODE, "indicatif", "fr", 8, T, "French"),
    R(TEL_COUNTRY_CODE, "prefijo", "es", 7, T, "Spanish"),
    R(TEL_COUNTRY_CODE, "prefisso", "it", 7, T, "Italian"),
    H(COUNTRY_CODE, "country code", "en", 8, T,
      "an ISO country or a dialling code: decided by phone context"),
    H(COUNTRY_CODE, "countrycode", "en", 8, A, "joined attribute"),
    H(COUNTRY_CODE, "ccode", "en", 5, A, "abbreviated attribute"),
    H(PHONE_CONTEXT, "dial", "en", 5, ALL, "dialling"),
    H(PHONE_CONTEXT, "calling", "en", 4, ALL, "calling code"),
    H(PHONE_CONTEXT, "phone", "en", 4, ALL, "phone nearby"),
    H(PHONE_CONTEXT, "mobile", "en", 4, ALL, "phone nearby"),

    /* ---- names ---- */
    R(NAME, "name", "*", 5, T, "alone: the whole name (given name when a family name follows)"),
    R(NAME, "full name", "en", 9, T, "full name"),
    R(NAME, "your name", "en", 8, T, "your name"),
    R(NAME, "fullname", "en", 9, A, "joined attribute"),
    R(NAME, "realname", "en", 8, A, "joined attribute"),
    R(NAME, "real name", "en", 8, T, "real name, as opposed to a user name"),
    R(NAME, "recipient", "en", 5, T, "the person a parcel goes to"),
    R(NAME, "first and last name", "en", 9, T, "both parts in one box"),
    R(NAME, "vor und nachname", "de", 9, T, "German"),
    R(NAME, "vollstandiger name", "de", 9, T, "German"),
    R(NAME, "nom complet", "fr", 9, T, "French"),
    R(NAME, "nom et prenom", "fr", 9, T, "French"),
    R(NAME, "prenom et nom", "fr", 9, T, "French"),
    R(NAME, "nombre completo", "es", 9, T, "Spanish"),
    R(NAME, "nombre y apellidos", "es", 9, T, "Spanish"),
    R(NAME, "nombre y apellido", "es", 9, T, "Spanish"),
    R(NAME, "nombre", "es", 5, T, "Spanish: given name when a surname follows"),
    R(NAME, "nome e cognome", "it", 9, T, "Italian"),
    R(NAME, "nome completo", "*", 9, T, "Italian, Portuguese"),
    R(NAME, "nome", "*", 5, T, "Italian, Portuguese: given name when a surname follows"),
    R(NAME, "naam", "nl", 6, T, "Dutch"),
    R(NAME, "volledige naam", "nl", 9, T, "Dutch"),
    R(NAME, "imie i nazwisko", "pl", 9, T, "Polish"),
    R(NAME, "namn", "sv", 6, T, "Swedish"),
    R(NAME, "fullstandigt namn", "sv", 9, T, "Swedish"),
    R(NAME, "ad soyad", "tr", 9, T, "Turkish"),
    R(NAME, "adiniz soyadiniz", "tr", 9, T, "Turkish"),
    R(NAME, "isim", "tr", 6, T, "Turkish"),
    R(NAME, "isim soyisim", "tr", 9, T, "Turkish"),
    R(NAME, "фио", "ru", 9, T, "Russian: surname, name, patronymic"),
    R(NAME, "имя и фамилия", "ru", 9, T, "Russian"),
    R(NAME, "полное имя", "ru", 9, T, "Russian"),
    R(NAME, "氏名", "ja", 9, T, "Japanese"),
    R(NAME, "お名前", "ja", 9, T, "Japanese"),
    R(NAME, "名前", "ja", 8, T, "Japanese"),
    R(NAME, "姓名", "zh", 9, T, "Chinese"),
    R(NAME, "全名", "zh", 9, T, "Chinese"),
    R(NAME, "收货人", "zh", 8, T, "Chinese: consignee"),
    R(NAME, "收件人", "zh", 8, T, "Chinese: recipient"),
    R(NAME, "성명", "ko", 9, T, "Korean"),
    R(NAME, "이름", "ko", 7, T, "Korean"),

    R(GIVEN_NAME, "first name", "en", 9, T, "first name"),
    R(GIVEN_NAME, "firstname", "en", 9, T, "joined"),
    R(GIVEN_NAME, "given name", "en", 9, T, "given name"),
    R(GIVEN_NAME, "forename", "en", 9, T, "British"),
    R(GIVEN_NAME, "fname", "en", 8, A, "abbreviated attribute"),
    R(GIVEN_NAME, "first", "en", 5, A, "attribute naming the first part"),
    R(GIVEN_NAME, "given", "en", 6, A, "attribute naming the given name"),
    R(GIVEN_NAME, "vorname", "de", 9, T, "German"),
    R(GIVEN_NAME, "*vorname", "de", 8, T, "German compound (Rechnungsvorname)"),
    R(GIVEN_NAME, "prenom", "fr", 9, T, "French"),
    R(GIVEN_NAME, "primer nombre", "es", 9, T, "Spanish"),
    R(GIVEN_NAME, "primeiro nome", "pt", 9, T, "Portuguese"),
    R(GIVEN_NAME, "voornaam", "nl", 9, T, "Dutch"),
    R(GIVEN_NAME, "imie", "pl", 9, T, "Polish"),
    R(GIVEN_NAME, "fornamn", "sv", 9, T, "Swedish"),
    R(GIVEN_NAME, "adiniz", "tr", 8, T, "Turkish: your name"),
    R(GIVEN_NAME, "ad", "tr", 4, L, "Turkish: name (with Soyad)"),
    R(GIVEN_NAME, "имя", "ru", 8, T, "Russian"),
    R(GIVEN_NAME, "名", "*", 5, L, "Japanese and Chinese: given name"),
    R(GIVEN_NAME, "ファーストネーム", "ja", 9, T, "Japanese"),
    R(GIVEN_NAME, "名字", "zh", 6, T, "Chinese: given name (colloquial)"),

    R(ADDITIONAL_NAME, "middle name", "en", 9, T, "middle name"),
    R(ADDITIONAL_NAME, "middlename", "en", 9, A, "joined"),
    R(ADDITIONAL_NAME, "middle initial", "en", 9, T, "middle initial"),
    R(ADDITIONAL_NAME, "zweiter vorname", "de", 9, T, "German"),
    R(ADDITIONAL_NAME, "deuxieme prenom", "fr", 9, T, "French"),
    R(ADDITIONAL_NAME, "segundo nombre", "es", 9, T, "Spanish"),
    R(ADDITIONAL_NAME, "secondo nome", "it", 9, T, "Italian"),
    R(ADDITIONAL_NAME, "nome do meio", "pt", 9, T, "Portuguese"),
    R(ADDITIONAL_NAME, "drugie imie", "pl", 9, T, "Polish"),
    R(ADDITIONAL_NAME, "mellannamn", "sv", 9, T, "Swedish"),
    R(ADDITIONAL_NAME, "отчество", "ru", 9, T, "Russian: patronymic"),

    R(FAMILY_NAME, "last name", "en", 9, T, "last name"),
    R(FAMILY_NAME, "lastname", "en", 9, T, "joined"),
    R(FAMILY_NAME, "surname", "en", 9, T, "surname"),
    R(FAMILY_NAME, "family name", "en", 9, T, "family name"),
    R(FAMILY_NAME, "lname", "en", 8, A, "abbreviated attribute"),
    R(FAMILY_NAME, "last", "en", 5, A, "attribute naming the last part"),
    R(FAMILY_NAME, "family", "en", 6, A, "attribute naming the family name"),
    R(FAMILY_NAME, "sn", "en", 5, A, "LDAP attribute for the surname"),
    R(FAMILY_NAME, "nachname", "de", 9, T, "German"),
    R(FAMILY_NAME, "*nachname", "de", 8, T, "German compound"),
    R(FAMILY_NAME, "familienname", "de", 9, T, "German"),
    R(FAMILY_NAME, "nom de famille", "fr", 9, T, "French"),
    R(FAMILY_NAME, "nom", "fr", 6, T, "French: with Prénom, the surname"),
    R(FAMILY_NAME, "apellido", "es", 9, T, "Spanish"),
    R(FAMILY_NAME, "apellidos", "es", 9, T, "Spanish"),
    R(FAMILY_NAME, "cognome", "it", 9, T, "Italian"),
    R(FAMILY_NAME, "sobrenome", "pt", 9, T, "Portuguese (Brazil)"),
    R(FAMILY_NAME, "apelido", "pt", 8, T, "Portuguese (Portugal)"),
    R(FAMILY_NAME, "achternaam", "nl", 9, T, "Dutch"),
    R(FAMILY_NAME, "nazwisko", "pl", 9, T, "Polish"),
    R(FAMILY_NAME, "efternamn", "sv", 9, T, "Swedish"),
    R(FAMILY_NAME, "soyad", "tr", 9, T, "Turkish"),
    R(FAMILY_NAME, "soyadi", "tr", 9, T, "Turkish"),
    R(FAMILY_NAME, "soyadiniz", "tr", 9, T, "Turkish"),
    R(FAMILY_NAME, "soyisim", "tr", 9, T, "Turkish"),
    R(FAMILY_NAME, "фамилия", "ru", 9, T, "Russian"),
    R(FAMILY_NAME, "姓", "*", 6, L, "Japanese and Chinese: family name"),
    R(FAMILY_NAME, "苗字", "ja", 9, T, "Japanese"),
    R(FAMILY_NAME, "성", "ko", 5, L, "Korean: family name"),

    /* Salutation pickers (Mr/Ms, Herr/Frau) are left alone: their options
     * rarely match a stored prefix. An autocomplete="honorific-prefix"
     * attribute is still honoured. */
    NEG("salutation", "en", 8, T, "salutation picker"),
    NEG("honorific", "en", 8, T, "salutation picker"),
    NEG("anrede", "de", 8, T, "German salutation"),
    NEG("civilite", "fr", 8, T, "French salutation"),
    NEG("tratamiento", "es", 8, T, "Spanish salutation"),
    NEG("aanhef", "nl", 8, T, "Dutch salutation"),

    /* ---- addresses ---- */
    R(STREET_ADDRESS, "address", "en", 6, T, "alone: the street address"),
    R(STREET_ADDRESS, "addr", "en", 5, A, "abbreviated attribute"),
    R(STREET_ADDRESS, "street address", "en", 9, T, "street address"),
    R(STREET_ADDRESS, "street", "en", 8, T, "street"),
    R(STREET_ADDRESS, "mailing address", "en", 8, T, "US English"),
    R(STREET_ADDRESS, "shipping address", "en", 7, T, "the address box of a shipping form"),
    R(STREET_ADDRESS, "billing address", "en", 7, T, "the address box of a billing form"),
    R(STREET_ADDRESS, "home address", "en", 8, T, "home address"),
    R(ADDRESS_LINE1, "address line 1", "en", 9, T, "first line"),
    R(ADDRESS_LINE1, "address 1", "en", 9, T, "first line"),
    R(ADDRESS_LINE1, "addressline1", "en", 9, A, "joined attribute"),
    R(ADDRESS_LINE1, "address line one", "en", 9, T, "first line"),
    R(ADDRESS_LINE1, "street 1", "en", 9, T, "first line"),
    R(ADDRESS_LINE1, "line 1", "en", 7, T, "first line"),
    R(ADDRESS_LINE1, "addr 1", "en", 8, A, "abbreviated attribute"),
    R(STREET_ADDRESS, "adresse", "*", 6, T, "German, French"),
    R(STREET_ADDRESS, "anschrift", "de", 8, T, "German"),
    R(STREET_ADDRESS, "strasse", "de", 8, T, "German"),
    R(STREET_ADDRESS, "*strasse", "de", 7, T, "German compound"),
    R(STREET_ADDRESS, "strasse und hausnummer", "de", 9, T, "German"),
    R(STREET_ADDRESS, "rue", "fr", 7, T, "French"),
    R(STREET_ADDRESS, "adresse postale", "fr", 8, T, "French"),
    R(STREET_ADDRESS, "direccion", "es", 8, T, "Spanish"),
    R(STREET_ADDRESS, "calle", "es", 8, T, "Spanish"),
    R(STREET_ADDRESS, "domicilio", "es", 7, T, "Spanish"),
    R(STREET_ADDRESS, "indirizzo", "it", 8, T, "Italian"),
    R(STREET_ADDRESS, "endereco", "pt", 8, T, "Portuguese"),
    R(STREET_ADDRESS, "morada", "pt", 8, T, "Portuguese (Portugal)"),
    R(STREET_ADDRESS, "logradouro", "pt", 8, T, "Portuguese (Brazil)"),
    R(STREET_ADDRESS, "rua", "pt", 7, T, "Portuguese"),
    R(STREET_ADDRESS, "adres", "*", 7, T, "Dutch, Polish, Turkish"),
    R(STREET_ADDRESS, "straat", "nl", 8, T, "Dutch"),
    R(STREET_ADDRESS, "straatnaam", "nl", 8, T, "Dutch"),
    R(STREET_ADDRESS, "ulica", "pl", 8, T, "Polish"),
    R(STREET_ADDRESS, "adress", "sv", 7, T, "Swedish"),
    R(STREET_ADDRESS, "gatuadress", "sv", 9, T, "Swedish"),
    R(STREET_ADDRESS, "sokak", "tr", 7, T, "Turkish"),
    R(STREET_ADDRESS, "адрес", "ru", 7, T, "Russian"),
    R(STREET_ADDRESS, "улица", "ru", 8, T, "Russian"),
    R(STREET_ADDRESS, "住所", "ja", 8, T, "Japanese"),
    R(STREET_ADDRESS, "番地", "ja", 8, T, "Japanese"),
    R(STREET_ADDRESS, "地址", "zh", 8, T, "Chinese"),
    R(STREET_ADDRESS, "详细地址", "zh", 9, T, "Chinese"),
    R(STREET_ADDRESS, "街道", "zh", 7, T, "Chinese"),
    R(STREET_ADDRESS, "주소", "ko", 8, T, "Korean"),

    R(ADDRESS_LINE2, "address line 2", "en", 9, T, "second line"),
    R(ADDRESS_LINE2, "address 2", "en", 9, T, "second line"),
    R(ADDRESS_LINE2, "addressline2", "en", 9, A, "joined attribute"),
    R(ADDRESS_LINE2, "address line two", "en", 9, T, "second line"),
    R(ADDRESS_LINE2, "street 2", "en", 9, T, "second line"),
    R(ADDRESS_LINE2, "line 2", "en", 7, T, "second line"),
    R(ADDRESS_LINE2, "addr 2", "en", 8, A, "abbreviated attribute"),
    R(ADDRESS_LINE2, "apartment", "en", 8, T, "apartment, suite..."),
    R(ADDRESS_LINE2, "apt", "en", 8, T, "apartment, suite..."),
    R(ADDRESS_LINE2, "suite", "en", 7, T, "apartment, suite..."),
    R(ADDRESS_LINE2, "unit", "en", 5, T, "apartment, suite..."),
    R(ADDRESS_LINE2, "address continued", "en", 8, T, "second line"),
    R(ADDRESS_LINE2, "adresszusatz", "de", 9, T, "German"),
    R(ADDRESS_LINE2, "complement d adresse", "fr", 9, T, "French"),
    R(ADDRESS_LINE2, "complemento", "*", 8, T, "Spanish, Portuguese"),
    R(ADDRESS_LINE2, "toevoeging", "nl", 8, T, "Dutch"),
    R(ADDRESS_LINE2, "상세주소", "ko", 9, T, "Korean: detailed address"),
    R(ADDRESS_LINE2, "建物名", "ja", 9, T, "Japanese: building"),
    R(ADDRESS_LINE3, "address line 3", "en", 9, T, "third line"),
    R(ADDRESS_LINE3, "address 3", "en", 9, T, "third line"),
    R(ADDRESS_LINE3, "line 3", "en", 7, T, "third line"),

    R(ADDRESS_LEVEL2, "city", "en", 9, T, "city"),
    R(ADDRESS_LEVEL2, "town", "en", 8, T, "town"),
    R(ADDRESS_LEVEL2, "city town", "en", 9, T, "city/town"),
    R(ADDRESS_LEVEL2, "locality", "en", 8, T, "locality"),
    R(ADDRESS_LEVEL2, "suburb", "en", 8, T, "Australian English"),
    R(ADDRESS_LEVEL2, "stadt", "de", 9, T, "German"),
    R(ADDRESS_LEVEL2, "ort", "*", 8, T, "German, Swedish"),
    R(ADDRESS_LEVEL2, "wohnort", "de", 9, T, "German"),
    R(ADDRESS_LEVEL2, "ville", "fr", 9, T, "French"),
    R(ADDRESS_LEVEL2, "localite", "fr", 8, T, "French"),
    R(ADDRESS_LEVEL2, "ciudad", "es", 9, T, "Spanish"),
    R(ADDRESS_LEVEL2, "localidad", "es", 8, T, "Spanish"),
    R(ADDRESS_LEVEL2, "poblacion", "es", 8, T, "Spanish"),
    R(ADDRESS_LEVEL2, "citta", "it", 9, T, "Italian"),
    R(ADDRESS_LEVEL2, "comune", "it", 8, T, "Italian"),
    R(ADDRESS_LEVEL2, "localita", "it", 8, T, "Italian"),
    R(ADDRESS_LEVEL2, "cidade", "pt", 9, T, "Portuguese"),
    R(ADDRESS_LEVEL2, "localidade", "pt", 8, T, "Portuguese"),
    R(ADDRESS_LEVEL2, "plaats", "nl", 8, T, "Dutch"),
    R(ADDRESS_LEVEL2, "woonplaats", "nl", 9, T, "Dutch"),
    R(ADDRESS_LEVEL2, "miasto", "pl", 9, T, "Polish"),
    R(ADDRESS_LEVEL2, "miejscowosc", "pl", 9, T, "Polish"),
    R(ADDRESS_LEVEL2, "postort", "sv", 9, T, "Swedish"),
    R(ADDRESS_LEVEL2, "sehir", "tr", 9, T, "Turkish"),
    R(ADDRESS_LEVEL2, "город", "ru", 9, T, "Russian"),
    R(ADDRESS_LEVEL2, "населенныи пункт", "ru", 9, T, "Russian"),
    R(ADDRESS_LEVEL2, "市区町村", "ja", 9, T, "Japanese"),
    R(ADDRESS_LEVEL2, "城市", "zh", 9, T, "Chinese"),
    R(ADDRESS_LEVEL2, "도시", "ko", 9, T, "Korean"),
    R(ADDRESS_LEVEL2, "시군구", "ko", 9, T, "Korean"),

    R(ADDRESS_LEVEL1, "state", "en", 8, T, "US state"),
    R(ADDRESS_LEVEL1, "province", "*", 8, T, "province"),
    R(ADDRESS_LEVEL1, "region", "*", 6, T, "region"),
    R(ADDRESS_LEVEL1, "county", "en", 7, T, "British county"),
    R(ADDRESS_LEVEL1, "state province", "en", 9, T, "state/province"),
    R(ADDRESS_LEVEL1, "prefecture", "en", 8, T, "Japan in English"),
    R(ADDRESS_LEVEL1, "bundesland", "de", 9, T, "German"),
    R(ADDRESS_LEVEL1, "kanton", "de", 8, T, "Swiss German"),
    R(ADDRESS_LEVEL1, "etat", "fr", 7, T, "French"),
    R(ADDRESS_LEVEL1, "departement", "fr", 7, T, "French"),
    R(ADDRESS_LEVEL1, "estado", "*", 7, T, "Spanish, Portuguese"),
    R(ADDRESS_LEVEL1, "provincia", "*", 8, T, "Spanish, Italian"),
    R(ADDRESS_LEVEL1, "regione", "it", 8, T, "Italian"),
    R(ADDRESS_LEVEL1, "provincie", "nl", 8, T, "Dutch"),
    R(ADDRESS_LEVEL1, "wojewodztwo", "pl", 9, T, "Polish"),
    R(ADDRESS_LEVEL1, "lan", "sv", 6, L, "Swedish: county"),
    R(ADDRESS_LEVEL1, "область", "ru", 8, T, "Russian"),
    R(ADDRESS_LEVEL1, "регион", "ru", 8, T, "Russian"),
    R(ADDRESS_LEVEL1, "都道府県", "ja", 9, T, "Japanese"),
    R(ADDRESS_LEVEL1, "省份", "zh", 9, T, "Chinese"),
    R(ADDRESS_LEVEL1, "시도", "ko", 9, T, "Korean"),

    R(POSTAL_CODE, "zip", "en", 9, T, "US"),
    R(POSTAL_CODE, "zip code", "en", 9, T, "US"),
    R(POSTAL_CODE, "postal code", "en", 9, T, "postal code"),
    R(POSTAL_CODE, "postcode", "*", 9, T, "British English, Dutch"),
    R(POSTAL_CODE, "post code", "en", 9, T, "British English"),
    R(POSTAL_CODE, "postal", "en", 7, T, "postal"),
    R(POSTAL_CODE, "plz", "de", 9, T, "German"),
    R(POSTAL_CODE, "postleitzahl", "de", 9, T, "German"),
    R(POSTAL_CODE, "code postal", "fr", 9, T, "French"),
    R(POSTAL_CODE, "codigo postal", "*", 9, T, "Spanish, Portuguese"),
    R(POSTAL_CODE, "cp", "*", 5, A, "French and Spanish abbreviation"),
    R(POSTAL_CODE, "cap", "it", 7, L, "Italian"),
    R(POSTAL_CODE, "codice postale", "it", 9, T, "Italian"),
    R(POSTAL_CODE, "cep", "pt", 8, T, "Portuguese (Brazil)"),
    R(POSTAL_CODE, "kod pocztowy", "pl", 9, T, "Polish"),
    R(POSTAL_CODE, "postnummer", "sv", 9, T, "Swedish"),
    R(POSTAL_CODE, "posta kodu", "tr", 9, T, "Turkish"),
    R(POSTAL_CODE, "почтовыи индекс", "ru", 9, T, "Russian"),
    R(POSTAL_CODE, "индекс", "ru", 8, T, "Russian"),
    R(POSTAL_CODE, "郵便番号", "ja", 9, T, "Japanese"),
    R(POSTAL_CODE, "邮编", "zh", 9, T, "Chinese"),
    R(POSTAL_CODE, "邮政编码", "zh", 9, T, "Chinese"),
    R(POSTAL_CODE, "郵遞區號", "zh", 9, T, "Chinese (traditional)"),
    R(POSTAL_CODE, "우편번호", "ko", 9, T, "Korean"),

    R(COUNTRY, "country", "en", 9, T, "country"),
    R(COUNTRY, "country region", "en", 9, T, "country/region"),
    R(COUNTRY, "land", "*", 7, T, "German, Dutch, Swedish"),
    R(COUNTRY, "pays", "fr", 9, T, "French"),
    R(COUNTRY, "pais", "*", 9, T, "Spanish, Portuguese"),
    R(COUNTRY, "paese", "it", 9, T, "Italian"),
    R(COUNTRY, "nazione", "it", 9, T, "Italian"),
    R(COUNTRY, "kraj", "pl", 9, T, "Polish"),
    R(COUNTRY, "ulke", "tr", 9, T, "Turkish"),
    R(COUNTRY, "страна", "ru", 9, T, "Russian"),
    R(COUNTRY, "国家", "zh", 9, T, "Chinese"),
    R(COUNTRY, "国", "ja", 6, L, "Japanese"),
    R(COUNTRY, "국가", "ko", 9, T, "Korean"),

    /* ---- payment cards ---- */
    R(CC_NUMBER, "card number", "en", 10, T, "card number"),
    R(CC_NUMBER, "credit card number", "en", 10, T, "credit card number"),
    R(CC_NUMBER, "card no", "en", 9, T, "card no."),
    R(CC_NUMBER, "cc number", "en", 9, T, "abbreviated"),
    R(CC_NUMBER, "cc num", "en", 9, A, "abbreviated attribute"),
    R(CC_NUMBER, "ccnum", "en", 9, A, "abbreviated attribute"),
    R(CC_NUMBER, "ccno", "en", 9, A, "abbreviated attribute"),
    R(CC_NUMBER, "cardnumber", "en", 10, T, "joined"),
    R(CC_NUMBER, "credit card", "en", 6, T, "a box labelled only 'credit card' takes its number"),
    R(CC_NUMBER, "debit card", "en", 6, T, "a box labelled only 'debit card' takes its number"),
    R(CC_NUMBER, "kartennummer", "de", 10, T, "German"),
    R(CC_NUMBER, "kreditkartennummer", "de", 10, T, "German"),
    R(CC_NUMBER, "numero de carte", "fr", 10, T, "French"),
    R(CC_NUMBER, "numero de tarjeta", "es", 10, T, "Spanish"),
    R(CC_NUMBER, "numero de la tarjeta", "es", 10, T, "Spanish"),
    R(CC_NUMBER, "numero di carta", "it", 10, T, "Italian"),
    R(CC_NUMBER, "numero della carta", "it", 10, T, "Italian"),
    R(CC_NUMBER, "numero carta", "it", 10, T, "Italian"),
    R(CC_NUMBER, "numero do cartao", "pt", 10, T, "Portuguese"),
    R(CC_NUMBER, "numero de cartao", "pt", 10, T, "Portuguese"),
    R(CC_NUMBER, "kaartnummer", "nl", 10, T, "Dutch"),
    R(CC_NUMBER, "numer karty", "pl", 10, T, "Polish"),
    R(CC_NUMBER, "kortnummer", "sv", 10, T, "Swedish"),
    R(CC_NUMBER, "kart numarasi", "tr", 10, T, "Turkish"),
    R(CC_NUMBER, "номер карты", "ru", 10, T, "Russian"),
    R(CC_NUMBER, "カード番号", "ja", 10, T, "Japanese"),
    R(CC_NUMBER, "卡号", "zh", 10, T, "Chinese"),
    R(CC_NUMBER, "卡號", "zh", 10, T, "Chinese (traditional)"),
    R(CC_NUMBER, "카드번호", "ko", 10, T, "Korean"),

    R(CC_NAME, "name on card", "en", 10, T, "name on card"),
    R(CC_NAME, "name on the card", "en", 10, T, "name on the card"),
    R(CC_NAME, "cardholder", "en", 10, T, "cardholder"),
    R(CC_NAME, "card holder", "en", 10, T, "card holder"),
    R(CC_NAME, "holder name", "en", 9, T, "holder name"),
    R(CC_NAME, "account holder", "en", 8, T, "a card's account holder"),
    R(CC_NAME, "cc name", "en", 9, T, "abbreviated"),
    R(CC_NAME, "ccname", "en", 9, A, "abbreviated attribute"),
    R(CC_NAME, "card name", "en", 8, T, "card name"),
    R(CC_NAME, "karteninhaber", "de", 10, T, "German"),
    R(CC_NAME, "name des karteninhabers", "de", 10, T, "German"),
    R(CC_NAME, "titulaire", "fr", 9, T, "French"),
    R(CC_NAME, "nom du titulaire", "fr", 10, T, "French"),
    R(CC_NAME, "nom sur la carte", "fr", 10, T, "French"),
    R(CC_NAME, "titular", "*", 9, T, "Spanish, Portuguese"),
    R(CC_NAME, "nombre del titular", "es", 10, T, "Spanish"),
    R(CC_NAME, "nombre en la tarjeta", "es", 10, T, "Spanish"),
    R(CC_NAME, "titolare", "it", 9, T, "Italian"),
    R(CC_NAME, "intestatario", "it", 9, T, "Italian"),
    R(CC_NAME, "nome no cartao", "pt", 10, T, "Portuguese"),
    R(CC_NAME, "naam op kaart", "nl", 10, T, "Dutch"),
    R(CC_NAME, "kaarthouder", "nl", 10, T, "Dutch"),
    R(CC_NAME, "posiadacz karty", "pl", 10, T, "Polish"),
    R(CC_NAME, "wlasciciel karty", "pl", 10, T, "Polish"),
    R(CC_NAME, "kortinnehavare", "sv", 10, T, "Swedish"),
    R(CC_NAME, "kart sahibi", "tr", 10, T, "Turkish"),
    R(CC_NAME, "держатель карты", "ru", 10, T, "Russian"),
    R(CC_NAME, "имя на карте", "ru", 10, T, "Russian"),
    R(CC_NAME, "владелец карты", "ru", 10, T, "Russian"),
    R(CC_NAME, "カード名義", "ja", 10, T, "Japanese"),
    R(CC_NAME, "名義人", "ja", 9, T, "Japanese"),
    R(CC_NAME, "持卡人", "zh", 10, T, "Chinese"),
    R(CC_NAME, "카드 소유자", "ko", 10, T, "Korean"),

    R(CC_CSC, "cvv", "*", 10, T, "card verification value"),
    R(CC_CSC, "cvv2", "*", 10, T, "card verification value"),
    R(CC_CSC, "cvc", "*", 10, T, "card verification code"),
    R(CC_CSC, "cvc2", "*", 10, T, "card verification code"),
    R(CC_CSC, "cvn", "*", 9, T, "card verification number"),
    R(CC_CSC, "ccv", "*", 9, T, "misspelling seen on shops"),
    R(CC_CSC, "csc", "*", 9, T, "card security code"),
    R(CC_CSC, "cid", "en", 6, T, "American Express CID"),
    R(CC_CSC, "security code", "en", 8, T, "security code (of a card)"),
    R(CC_CSC, "card security code", "en", 10, T, "card security code"),
    R(CC_CSC, "card verification", "en", 10, T, "card verification"),
    R(CC_CSC, "card code", "en", 9, T, "card code"),
    R(CC_CSC, "verification number", "en", 7, T, "verification number of a card"),
    R(CC_CSC, "kartenprufnummer", "de", 10, T, "German"),
    R(CC_CSC, "prufnummer", "de", 9, T, "German"),
    R(CC_CSC, "prufziffer", "de", 9, T, "German"),
    R(CC_CSC, "sicherheitscode", "de", 8, T, "German"),
    R(CC_CSC, "cryptogramme", "fr", 10, T, "French"),
    R(CC_CSC, "code de securite", "fr", 8, T, "French"),
    R(CC_CSC, "codigo de seguridad", "es", 8, T, "Spanish"),
    R(CC_CSC, "codice di sicurezza", "it", 8, T, "Italian"),
    R(CC_CSC, "codigo de seguranca", "pt", 8, T, "Portuguese"),
    R(CC_CSC, "beveiligingscode", "nl", 8, T, "Dutch"),
    R(CC_CSC, "kod zabezpieczajacy", "pl", 8, T, "Polish"),
    R(CC_CSC, "sakerhetskod", "sv", 8, T, "Swedish"),
    R(CC_CSC, "guvenlik kodu", "tr", 8, T, "Turkish"),
    R(CC_CSC, "код безопасности", "ru", 8, T, "Russian"),
    R(CC_CSC, "セキュリティコード", "ja", 9, T, "Japanese"),
    R(CC_CSC, "安全码", "zh", 9, T, "Chinese"),
    R(CC_CSC, "보안코드", "ko", 9, T, "Korean"),

    /* A card-type picker is left alone: the network follows from the number
     * and a wrong pick blocks the payment. autocomplete="cc-type" is honoured. */
    NEG("card type", "en", 8, T, "Visa/Mastercard picker"),
    NEG("kartentyp", "de", 8, T, "German card type"),
    NEG("type de carte", "fr", 8, T, "French card type"),
    NEG("tipo de tarjeta", "es", 8, T, "Spanish card type"),

    H(EXPIRY, "expiration", "en", 8, T, "expiration"),
    H(EXPIRY, "expiration date", "en", 9, T, "expiration date"),
    H(EXPIRY, "expiry", "en", 9, T, "expiry"),
    H(EXPIRY, "expiry date", "en", 9, T, "expiry date"),
    H(EXPIRY, "expires", "en", 8, T, "expires"),
    H(EXPIRY, "exp", "en", 7, T, "abbreviation"),
    H(EXPIRY, "exp date", "en", 9, T, "abbreviation"),
    H(EXPIRY, "valid thru", "en", 9, T, "as printed on cards"),
    H(EXPIRY, "valid through", "en", 9, T, "as printed on cards"),
    H(EXPIRY, "valid until", "en", 8, T, "valid until"),
    H(EXPIRY, "mm yy", "*", 9, T, "the format printed on cards"),
    H(EXPIRY, "mm yyyy", "*", 8, T, "the format printed on cards"),
    H(EXPIRY, "ablaufdatum", "de", 9, T, "German"),
    H(EXPIRY, "gultig bis", "de", 9, T, "German"),
    H(EXPIRY, "verfallsdatum", "de", 9, T, "German"),
    H(EXPIRY, "date d expiration", "fr", 9, T, "French"),
    H(EXPIRY, "date de validite", "fr", 9, T, "French"),
    H(EXPIRY, "fecha de caducidad", "es", 9, T, "Spanish"),
    H(EXPIRY, "fecha de vencimiento", "es", 9, T, "Spanish"),
    H(EXPIRY, "caducidad", "es", 8, T, "Spanish"),
    H(EXPIRY, "vencimiento", "*", 8, T, "Spanish, Portuguese"),
    H(EXPIRY, "scadenza", "it", 9, T, "Italian"),
    H(EXPIRY, "validade", "pt", 8, T, "Portuguese"),
    H(EXPIRY, "vervaldatum", "nl", 9, T, "Dutch"),
    H(EXPIRY, "geldig tot", "nl", 9, T, "Dutch"),
    H(EXPIRY, "data waznosci", "pl", 9, T, "Polish"),
    H(EXPIRY, "utgangsdatum", "sv", 9, T, "Swedish"),
    H(EXPIRY, "giltig till", "sv", 9, T, "Swedish"),
    H(EXPIRY, "son kullanma", "tr", 9, T, "Turkish"),
    H(EXPIRY, "срок деиствия", "ru", 9, T, "Russian"),
    H(EXPIRY, "有効期限", "ja", 9, T, "Japanese"),
    H(EXPIRY, "有效期", "zh", 9, T, "Chinese"),
    H(EXPIRY, "유효기간", "ko", 9, T, "Korean"),

    H(CARD, "card", "en", 6, ALL, "a card nearby"),
    H(CARD, "credit card", "en", 7, ALL, "a card nearby"),
    H(CARD, "payment", "en", 4, ALL, "payment section"),
    H(CARD, "cc", "en", 5, A, "attribute prefix of card fields"),
    H(CARD, "*karte", "de", 6, ALL, "German"),
    H(CARD, "carte", "fr", 6, ALL, "French"),
    H(CARD, "tarjeta", "es", 6, ALL, "Spanish"),
    H(CARD, "carta", "it", 5, ALL, "Italian"),
    H(CARD, "cartao", "pt", 6, ALL, "Portuguese"),
    H(CARD, "kaart", "nl", 6, ALL, "Dutch"),
    H(CARD, "karty", "pl", 6, ALL, "Polish"),
    H(CARD, "kort", "sv", 5, ALL, "Swedish"),
    H(CARD, "kart", "tr", 5, ALL, "Turkish"),
    H(CARD, "карты", "ru", 6, ALL, "Russian"),
    H(CARD, "カード", "ja", 6, ALL, "Japanese"),
    H(CARD, "信用卡", "zh", 6, ALL, "Chinese"),
    H(CARD, "카드", "ko", 6, ALL, "Korean"),

    /* ---- dates ---- */
    H(MONTH, "month", "en", 7, T, "month"),
    H(MONTH, "mm", "*", 6, T, "format hint"),
    H(MONTH, "mon", "en", 4, A, "abbreviated attribute"),
    H(MONTH, "monat", "de", 7, T, "German"),
    H(MONTH, "mois", "fr", 7, T, "French"),
    H(MONTH, "mes", "*", 7, T, "Spanish, Portuguese"),
    H(MONTH, "mese", "it", 7, T, "Italian"),
    H(MONTH, "maand", "nl", 7, T, "Dutch"),
    H(MONTH, "miesiac", "pl", 7, T, "Polish"),
    H(MONTH, "manad", "sv", 7, T, "Swedish"),
    H(MONTH, "ay", "tr", 5, L, "Turkish"),
    H(MONTH, "месяц", "ru", 7, T, "Russian"),
    H(MONTH, "月", "*", 6, L, "Japanese, Chinese"),
    H(MONTH, "월", "ko", 6, L, "Korean"),
    H(YEAR, "year", "en", 7, T, "year"),
    H(YEAR, "yy", "*", 6, T, "format hint"),
    H(YEAR, "yyyy", "*", 6, T, "format hint"),
    H(YEAR, "yr", "en", 5, A, "abbreviated attribute"),
    H(YEAR, "jahr", "de", 7, T, "German"),
    H(YEAR, "annee", "fr", 7, T, "French"),
    H(YEAR, "ano", "*", 7, T, "Spanish, Portuguese"),
    H(YEAR, "anno", "it", 7, T, "Italian"),
    H(YEAR, "jaar", "nl", 7, T, "Dutch"),
    H(YEAR, "rok", "pl", 7, T, "Polish"),
    H(YEAR, "ar", "sv", 4, L, "Swedish"),
    H(YEAR, "yil", "tr", 6, T, "Turkish"),
    H(YEAR, "год", "ru", 7, T, "Russian"),
    H(YEAR, "年", "*", 6, L, "Japanese, Chinese"),
    H(YEAR, "년", "ko", 6, L, "Korean"),
    H(DAY, "day", "en", 7, T, "day"),
    H(DAY, "dd", "*", 6, T, "format hint"),
    H(DAY, "tag", "de", 5, L, "German"),
    H(DAY, "jour", "fr", 7, T, "French"),
    H(DAY, "dia", "*", 7, T, "Spanish, Portuguese"),
    H(DAY, "giorno", "it", 7, T, "Italian"),
    H(DAY, "dag", "*", 6, T, "Dutch, Swedish"),
    H(DAY, "dzien", "pl", 7, T, "Polish"),
    H(DAY, "gun", "tr", 5, L, "Turkish"),
    H(DAY, "день", "ru", 7, T, "Russian"),
    H(DAY, "日", "*", 5, L, "Japanese, Chinese"),
    H(DAY, "일", "ko", 5, L, "Korean"),
    H(FULL_DATE, "dd mm yyyy", "*", 8, T, "a whole date in one box"),
    H(FULL_DATE, "mm dd yyyy", "*", 8, T, "a whole date in one box (US order)"),
    H(FULL_DATE, "yyyy mm dd", "*", 8, T, "a whole date in one box (ISO order)"),
    H(FULL_DATE, "dd mm yy", "*", 8, T, "a whole date in one box"),
    H(FULL_DATE, "tt mm jjjj", "de", 8, T, "German date format"),
    H(FULL_DATE, "jj mm aaaa", "fr", 8, T, "French date format"),
    H(FULL_DATE, "dd mm aaaa", "*", 8, T, "Spanish, Portuguese, Italian date format"),
    H(FULL_DATE, "gg mm aaaa", "it", 8, T, "Italian date format"),
    H(BIRTH, "birth", "en", 9, ALL, "date of birth"),
    H(BIRTH, "birthday", "en", 9, ALL, "birthday"),
    H(BIRTH, "birthdate", "en", 9, ALL, "birthdate"),
    H(BIRTH, "date of birth", "en", 10, ALL, "date of birth"),
    H(BIRTH, "dob", "en", 9, T, "date of birth"),
    H(BIRTH, "bday", "en", 9, A, "attribute"),
    H(BIRTH, "born", "en", 7, T, "when were you born"),
    H(BIRTH, "geburtsdatum", "de", 10, ALL, "German"),
    H(BIRTH, "geburtstag", "de", 10, ALL, "German"),
    H(BIRTH, "date de naissance", "fr", 10, ALL, "French"),
    H(BIRTH, "naissance", "fr", 9, ALL, "French"),
    H(BIRTH, "fecha de nacimiento", "es", 10, ALL, "Spanish"),
    H(BIRTH, "nacimiento", "es", 9, ALL, "Spanish"),
    H(BIRTH, "cumpleanos", "es", 9, ALL, "Spanish"),
    H(BIRTH, "data di nascita", "it", 10, ALL, "Italian"),
    H(BIRTH, "nascita", "it", 9, ALL, "Italian"),
    H(BIRTH, "data de nascimento", "pt", 10, ALL, "Portuguese"),
    H(BIRTH, "nascimento", "pt", 9, ALL, "Portuguese"),
    H(BIRTH, "geboortedatum", "nl", 10, ALL, "Dutch"),
    H(BIRTH, "data urodzenia", "pl", 10, ALL, "Polish"),
    H(BIRTH, "fodelsedatum", "sv", 10, ALL, "Swedish"),
    H(BIRTH, "dogum tarihi", "tr", 10, ALL, "Turkish"),
    H(BIRTH, "дата рождения", "ru", 10, ALL, "Russian"),
    H(BIRTH, "рождения", "ru", 9, ALL, "Russian"),
    H(BIRTH, "生年月日", "ja", 10, ALL, "Japanese"),
    H(BIRTH, "誕生日", "ja", 10, ALL, "Japanese"),
    H(BIRTH, "出生日期", "zh", 10, ALL, "Chinese"),
    H(BIRTH, "生日", "zh", 10, ALL, "Chinese"),
    H(BIRTH, "생년월일", "ko", 10, ALL, "Korean"),
    H(BIRTH, "생일", "ko", 10, ALL, "Korean"),

    /* ---- sections ---- */
    H(SHIPPING, "shipping", "en", 8, ALL, "shipping address block"),
    H(SHIPPING, "delivery", "en", 8, ALL, "delivery address block"),
    H(SHIPPING, "ship to", "en", 8, ALL, "ship-to block"),
    H(SHIPPING, "lieferadresse", "de", 9, ALL, "German"),
    H(SHIPPING, "*lieferung", "de", 7, ALL, "German"),
    H(SHIPPING, "livraison", "fr", 8, ALL, "French"),
    H(SHIPPING, "envio", "es", 7, ALL, "Spanish"),
    H(SHIPPING, "entrega", "*", 7, ALL, "Spanish, Portuguese"),
    H(SHIPPING, "spedizione", "it", 8, ALL, "Italian"),
    H(SHIPPING, "bezorg*", "nl", 7, ALL, "Dutch"),
    H(SHIPPING, "dostawy", "pl", 8, ALL, "Polish"),
    H(SHIPPING, "leverans*", "sv", 8, ALL, "Swedish"),
    H(SHIPPING, "teslimat", "tr", 8, ALL, "Turkish"),
    H(SHIPPING, "доставки", "ru", 8, ALL, "Russian"),
    H(SHIPPING, "配送", "*", 8, ALL, "Japanese, Chinese"),
    H(SHIPPING, "收货", "zh", 8, ALL, "Chinese"),
    H(SHIPPING, "배송", "ko", 8, ALL, "Korean"),
    H(BILLING, "billing", "en", 8, ALL, "billing address block"),
    H(BILLING, "bill to", "en", 8, ALL, "bill-to block"),
    H(BILLING, "bill", "en", 5, A, "attribute prefix"),
    H(BILLING, "invoice", "en", 7, ALL, "invoice address"),
    H(BILLING, "rechnungsadresse", "de", 9, ALL, "German"),
    H(BILLING, "rechnung*", "de", 7, ALL, "German"),
    H(BILLING, "facturation", "fr", 8, ALL, "French"),
    H(BILLING, "facturacion", "es", 8, ALL, "Spanish"),
    H(BILLING, "fatturazione", "it", 8, ALL, "Italian"),
    H(BILLING, "faturamento", "pt", 8, ALL, "Portuguese"),
    H(BILLING, "factuur*", "nl", 8, ALL, "Dutch"),
    H(BILLING, "faktury", "pl", 8, ALL, "Polish"),
    H(BILLING, "faktura*", "sv", 8, ALL, "Swedish"),
    H(BILLING, "fatura", "tr", 8, ALL, "Turkish"),
    H(BILLING, "請求", "ja", 8, ALL, "Japanese"),
    H(BILLING, "账单", "zh", 8, ALL, "Chinese"),
    H(BILLING, "청구", "ko", 8, ALL, "Korean"),

    /* Someone other than the user: a child, a baby, a gift's recipient. */
    H(DEPENDANT, "baby", "en", 8, ALL, "a baby's birthday is not the user's"),
    H(DEPENDANT, "babies", "en", 8, ALL, "a baby's birthday is not the user's"),
    H(DEPENDANT, "child", "en", 8, ALL, "a child's details"),
    H(DEPENDANT, "children", "en", 8, ALL, "a child's details"),
    H(DEPENDANT, "kid", "en", 6, ALL, "a child's details"),
    H(DEPENDANT, "due date", "en", 8, ALL, "a pregnancy due date"),
    H(DEPENDANT, "spouse", "en", 8, ALL, "a partner's details"),
    H(DEPENDANT, "gift recipient", "en", 8, ALL, "someone else"),
    H(DEPENDANT, "enfant", "fr", 8, ALL, "French: child"),
    H(DEPENDANT, "bebe", "*", 7, ALL, "French, Spanish, Portuguese: baby"),

    /* ---- negative evidence: fields Keyfill must leave alone ---- */
    NEG("search", "en", 10, T, "site search"),
    NEG("q", "*", 7, A, "the usual name of a search box"),
    NEG("query", "en", 9, T, "site search"),
    NEG("keyword", "en", 9, T, "site search"),
    NEG("keywords", "en", 9, T, "site search"),
    NEG("suche", "de", 10, T, "German: search"),
    NEG("suchbegriff", "de", 10, T, "German: search"),
    NEG("recherche", "fr", 10, T, "French: search"),
    NEG("rechercher", "fr", 10, T, "French: search"),
    NEG("buscar", "es", 10, T, "Spanish: search"),
    NEG("busqueda", "es", 10, T, "Spanish: search"),
    NEG("cerca", "it", 8, L | P, "Italian: search"),
    NEG("ricerca", "it", 10, T, "Italian: search"),
    NEG("pesquisar", "pt", 10, T, "Portuguese: search"),
    NEG("zoeken", "nl", 10, T, "Dutch: search"),
    NEG("szukaj", "pl", 10, T, "Polish: search"),
    NEG("sok", "sv", 8, L | P, "Swedish: search"),
    NEG("ara", "tr", 7, L | P, "Turkish: search"),
    NEG("поиск", "ru", 10, T, "Russian: search"),
    NEG("検索", "ja", 10, T, "Japanese: search"),
    NEG("搜索", "zh", 10, T, "Chinese: search"),
    NEG("검색", "ko", 10, T, "Korean: search"),

    NEG("coupon", "*", 10, T, "coupon code"),
    NEG("promo", "*", 10, T, "promo code"),
    NEG("promotion", "en", 9, T, "promotion code"),
    NEG("promotional", "en", 9, T, "promotional code"),
    NEG("voucher", "en", 10, T, "voucher"),
    NEG("gift card", "en", 10, T, "gift card number or PIN"),
    NEG("giftcard", "en", 10, A, "gift card"),
    NEG("gift certificate", "en", 10, T, "gift certificate"),
    NEG("gift message", "en", 10, T, "a message for someone else"),
    NEG("discount", "en", 10, T, "discount code"),
    NEG("redeem", "en", 9, T, "redeem a code"),
    NEG("referral", "en", 9, T, "referral code"),
    NEG("invite code", "en", 10, T, "invitation code"),
    NEG("invitation code", "en", 10, T, "invitation code"),
    NEG("gutschein", "de", 10, T, "German: voucher"),
    NEG("*gutschein", "de", 10, T, "German compound"),
    NEG("rabatt*", "de", 10, T, "German: discount"),
    NEG("code promo", "fr", 10, T, "French"),
    NEG("bon de reduction", "fr", 10, T, "French"),
    NEG("cupon", "es", 10, T, "Spanish"),
    NEG("descuento", "es", 10, T, "Spanish"),
    NEG("buono", "it", 9, T, "Italian: voucher"),
    NEG("codice sconto", "it", 10, T, "Italian"),
    NEG("sconto", "it", 9, T, "Italian"),
    NEG("cupom", "pt", 10, T, "Portuguese"),
    NEG("desconto", "pt", 10, T, "Portuguese"),
    NEG("kortingscode", "nl", 10, T, "Dutch"),
    NEG("korting", "nl", 9, T, "Dutch"),
    NEG("kod rabatowy", "pl", 10, T, "Polish"),
    NEG("kupon", "*", 10, T, "Polish, Turkish"),
    NEG("rabattkod", "sv", 10, T, "Swedish"),
    NEG("indirim", "tr", 10, T, "Turkish"),
    NEG("промокод", "ru", 10, T, "Russian"),
    NEG("купон", "ru", 10, T, "Russian"),
    NEG("クーポン", "ja", 10, T, "Japanese"),
    NEG("优惠", "zh", 10, T, "Chinese"),
    NEG("쿠폰", "ko", 10, T, "Korean"),

    NEG("quantity", "en", 10, T, "quantity of an item"),
    NEG("qty", "en", 10, T, "quantity"),
    NEG("menge", "de", 10, T, "German"),
    NEG("anzahl", "de", 10, T, "German"),
    NEG("quantite", "fr", 10, T, "French"),
    NEG("cantidad", "es", 10, T, "Spanish"),
    NEG("quantita", "it", 10, T, "Italian"),
    NEG("quantidade", "pt", 10, T, "Portuguese"),
    NEG("aantal", "nl", 10, T, "Dutch"),
    NEG("ilosc", "pl", 10, T, "Polish"),
    NEG("antal", "sv", 10, T, "Swedish"),
    NEG("adet", "tr", 10, T, "Turkish"),
    NEG("количество", "ru", 10, T, "Russian"),
    NEG("数量", "*", 10, T, "Japanese, Chinese"),
    NEG("수량", "ko", 10, T, "Korean"),

    NEG("captcha", "*", 10, T, "captcha"),
    NEG("recaptcha", "*", 10, T, "captcha"),
    NEG("security check", "en", 10, T, "captcha"),
    NEG("characters shown", "en", 10, T, "captcha"),
    NEG("characters you see", "en", 10, T, "captcha"),

    NEG("username", "en", 10, T, "account name, not a personal value"),
    NEG("user name", "en", 10, T, "account name"),
    NEG("user", "en", 6, A, "account name attribute"),
    NEG("user id", "en", 10, T, "account name"),
    NEG("userid", "en", 10, T, "account name"),
    NEG("login", "en", 6, T, "login name (weak: 'login email' is an e-mail)"),
    NEG("log in", "en", 7, L, "login name"),
    NEG("login id", "en", 10, T, "login name"),
    NEG("nickname", "en", 10, T, "nickname"),
    NEG("nick", "en", 10, T, "nickname"),
    NEG("display name", "en", 10, T, "public display name"),
    NEG("screen name", "en", 10, T, "public display name"),
    NEG("handle", "en", 8, T, "public handle"),
    NEG("member id", "en", 10, T, "membership number"),
    NEG("membership", "en", 9, T, "membership number"),
    NEG("account name", "en", 9, T, "account name"),
    NEG("benutzername", "de", 10, T, "German"),
    NEG("benutzer", "de", 8, T, "German"),
    NEG("nom d utilisateur", "fr", 10, T, "French"),
    NEG("identifiant", "fr", 10, T, "French"),
    NEG("pseudo", "*", 10, T, "French, German: nickname"),
    NEG("nombre de usuario", "es", 10, T, "Spanish"),
    NEG("usuario", "*", 9, T, "Spanish, Portuguese"),
    NEG("nome utente", "it", 10, T, "Italian"),
    NEG("nome de usuario", "pt", 10, T, "Portuguese"),
    NEG("gebruikersnaam", "nl", 10, T, "Dutch"),
    NEG("nazwa uzytkownika", "pl", 10, T, "Polish"),
    NEG("anvandarnamn", "sv", 10, T, "Swedish"),
    NEG("kullanici adi", "tr", 10, T, "Turkish"),
    NEG("имя пользователя", "ru", 10, T, "Russian"),
    NEG("логин", "ru", 10, T, "Russian"),
    NEG("ユーザー名", "ja", 10, T, "Japanese"),
    NEG("ユーザ名", "ja", 10, T, "Japanese"),
    NEG("ユーザーid", "ja", 10, T, "Japanese"),
    NEG("用户名", "zh", 10, T, "Chinese"),
    NEG("账号", "zh", 10, T, "Chinese: account"),
    NEG("帳號", "zh", 10, T, "Chinese (traditional): account"),
    NEG("아이디", "ko", 10, T, "Korean: user id"),

    NEG("password", "en", 10, T, "password"),
    NEG("passwort", "de", 10, T, "German"),
    NEG("kennwort", "de", 10, T, "German"),
    NEG("mot de passe", "fr", 10, T, "French"),
    NEG("contrasena", "es", 10, T, "Spanish"),
    NEG("senha", "pt", 10, T, "Portuguese"),
    NEG("wachtwoord", "nl", 10, T, "Dutch"),
    NEG("haslo", "pl", 10, T, "Polish"),
    NEG("losenord", "sv", 10, T, "Swedish"),
    NEG("sifre", "tr", 10, T, "Turkish"),
    NEG("пароль", "ru", 10, T, "Russian"),
    NEG("パスワード", "ja", 10, T, "Japanese"),
    NEG("密码", "zh", 10, T, "Chinese"),
    NEG("密碼", "zh", 10, T, "Chinese (traditional)"),
    NEG("비밀번호", "ko", 10, T, "Korean"),
    NEG("pin", "en", 10, T, "a PIN is a secret"),
    NEG("passcode", "en", 10, T, "a secret"),
    NEG("pwd", "en", 10, A, "password attribute"),
    NEG("passwd", "en", 10, A, "password attribute"),
    NEG("pass", "en", 8, A, "password attribute"),
    NEG("security question", "en", 10, T, "a secret"),
    NEG("security answer", "en", 10, T, "a secret"),

    NEG("one time", "en", 10, T, "one-time code"),
    NEG("otp", "*", 10, T, "one-time password"),
    NEG("verification code", "en", 9, T, "a code sent by e-mail or SMS (a card's is 'card verification')"),
    NEG("verify code", "en", 9, T, "a code sent by e-mail or SMS"),
    NEG("confirmation code", "en", 10, T, "a code sent by e-mail or SMS"),
    NEG("activation code", "en", 10, T, "a code sent by e-mail or SMS"),
    NEG("authentication code", "en", 10, T, "two-factor code"),
    NEG("auth code", "en", 10, T, "two-factor code"),
    NEG("access code", "en", 10, T, "a code, not a personal value"),
    NEG("sms code", "en", 10, T, "a code sent by SMS"),
    NEG("email code", "en", 10, T, "a code sent by e-mail"),
    NEG("phone code", "en", 8, T, "a code sent by SMS"),
    NEG("2fa", "*", 10, T, "two-factor code"),
    NEG("two factor", "en", 10, T, "two-factor code"),
    NEG("totp", "*", 10, T, "two-factor code"),
    NEG("tan", "de", 8, L | P, "German: transaction number"),
    NEG("bestatigungscode", "de", 10, T, "German"),
    NEG("aktivierungscode", "de", 10, T, "German"),
    NEG("code de verification", "fr", 10, T, "French"),
    NEG("code de confirmation", "fr", 10, T, "French"),
    NEG("codigo de verificacion", "es", 10, T, "Spanish"),
    NEG("codice di verifica", "it", 10, T, "Italian"),
    NEG("codigo de verificacao", "pt", 10, T, "Portuguese"),
    NEG("verificatiecode", "nl", 10, T, "Dutch"),
    NEG("kod weryfikacyjny", "pl", 10, T, "Polish"),
    NEG("verifieringskod", "sv", 10, T, "Swedish"),
    NEG("dogrulama kodu", "tr", 10, T, "Turkish"),
    NEG("код подтверждения", "ru", 10, T, "Russian"),
    NEG("確認コード", "ja", 10, T, "Japanese"),
    NEG("認証コード", "ja", 10, T, "Japanese"),
    NEG("验证码", "zh", 10, T, "Chinese: verification code or captcha"),
    NEG("인증번호", "ko", 10, T, "Korean"),
    NEG("aktivacni kod", "cs", 10, T, "Czech: activation code"),
    NEG("overovaci kod", "cs", 10, T, "Czech: verification code"),

    NEG("tax id", "en", 10, T, "tax id"),
    NEG("tax number", "en", 10, T, "tax number"),
    NEG("vat", "*", 10, T, "VAT number"),
    NEG("ssn", "en", 10, T, "US social security number"),
    NEG("social security", "en", 10, T, "US social security number"),
    NEG("national id", "en", 10, T, "national identity number"),
    NEG("id number", "en", 9, T, "identity number"),
    NEG("passport", "en", 10, T, "passport number"),
    NEG("driver license", "en", 10, T, "licence number"),
    NEG("drivers license", "en", 10, T, "licence number"),
    NEG("driving licence", "en", 10, T, "licence number"),
    NEG("ein", "en", 8, A, "US employer id"),
    NEG("tin", "en", 8, A, "taxpayer id"),
    NEG("cpf", "pt", 10, T, "Brazilian personal tax id"),
    NEG("cnpj", "pt", 10, T, "Brazilian company tax id"),
    NEG("nif", "*", 10, T, "Spanish and Portuguese tax id"),
    NEG("nie", "es", 9, A, "Spanish foreigner id"),
    NEG("dni", "es", 10, T, "Spanish national id"),
    NEG("pesel", "pl", 10, T, "Polish national id"),
    NEG("nip", "pl", 10, T, "Polish tax id"),
    NEG("regon", "pl", 10, T, "Polish business id"),
    NEG("steuernummer", "de", 10, T, "German tax number"),
    NEG("steuer id", "de", 10, T, "German tax id"),
    NEG("ust id", "de", 10, T, "German VAT id"),
    NEG("umsatzsteuer*", "de", 10, T, "German VAT"),
    NEG("personalausweis*", "de", 10, T, "German identity card"),
    NEG("kimlik", "tr", 10, T, "Turkish national id"),
    NEG("инн", "ru", 10, T, "Russian tax id"),
    NEG("снилс", "ru", 10, T, "Russian social insurance number"),
    NEG("паспорт", "ru", 10, T, "Russian passport"),
    NEG("codice fiscale", "it", 10, T, "Italian tax code"),
    NEG("partita iva", "it", 10, T, "Italian VAT"),
    NEG("bsn", "nl", 10, T, "Dutch citizen number"),
    NEG("personnummer", "sv", 10, T, "Swedish personal id"),
    NEG("rfc", "es", 9, T, "Mexican tax id"),
    NEG("curp", "es", 10, T, "Mexican personal id"),
    NEG("cuit", "es", 10, T, "Argentinian tax id"),
    NEG("マイナンバー", "ja", 10, T, "Japanese personal number"),
    NEG("身份证", "zh", 10, T, "Chinese identity card"),
    NEG("주민등록번호", "ko", 10, T, "Korean resident number"),

    NEG("comment", "en", 10, T, "free text for the shop"),
    NEG("comments", "en", 10, T, "free text"),
    NEG("notes", "en", 9, T, "free text"),
    NEG("note", "en", 8, T, "free text"),
    NEG("message", "en", 9, T, "free text"),
    NEG("instructions", "en", 10, T, "delivery instructions"),
    NEG("remarks", "en", 10, T, "free text"),
    NEG("subject", "en", 9, T, "subject of a message"),
    NEG("how can we help", "en", 10, T, "free text"),
    NEG("how may we help", "en", 10, T, "free text"),
    NEG("anmerkung*", "de", 10, T, "German"),
    NEG("bemerkung*", "de", 10, T, "German"),
    NEG("kommentar", "*", 10, T, "German, Swedish"),
    NEG("nachricht", "de", 10, T, "German"),
    NEG("commentaire*", "fr", 10, T, "French"),
    NEG("comentario*", "*", 10, T, "Spanish, Portuguese"),
    NEG("mensaje", "es", 10, T, "Spanish"),
    NEG("commento", "it", 10, T, "Italian"),
    NEG("messaggio", "it", 10, T, "Italian"),
    NEG("mensagem", "pt", 10, T, "Portuguese"),
    NEG("observacoes", "pt", 10, T, "Portuguese"),
    NEG("opmerking*", "nl", 10, T, "Dutch"),
    NEG("uwagi", "pl", 10, T, "Polish"),
    NEG("meddelande", "sv", 10, T, "Swedish"),
    NEG("yorum", "tr", 10, T, "Turkish"),
    NEG("комментарии", "ru", 10, T, "Russian"),
    NEG("сообщение", "ru", 10, T, "Russian"),
    NEG("備考", "ja", 10, T, "Japanese"),
    NEG("コメント", "ja", 10, T, "Japanese"),
    NEG("备注", "zh", 10, T, "Chinese"),
    NEG("留言", "zh", 10, T, "Chinese"),
    NEG("메모", "ko", 10, T, "Korean"),

    NEG("name of item", "en", 10, T, "a product, not a person"),
    NEG("item name", "en", 10, T, "a product"),
    NEG("product", "en", 9, T, "a product"),
    NEG("company name for a gift", "en", 10, T, "someone else's company"),
    NEG("gift", "en", 8, T, "details for someone else"),
    NEG("reference", "en", 9, T, "reference numbers"),
    NEG("reference number", "en", 10, T, "reference numbers"),
    NEG("order number", "en", 10, T, "order numbers"),
    NEG("reservation", "en", 9, T, "booking numbers"),
    NEG("booking", "en", 8, T, "booking numbers"),
    NEG("tracking", "en", 9, T, "tracking numbers"),
    NEG("invoice number", "en", 10, T, "invoice numbers"),
    NEG("customer number", "en", 10, T, "customer numbers"),
    NEG("kundennummer", "de", 10, T, "German: customer number"),
    NEG("account number", "en", 10, T, "bank or customer account"),
    NEG("accno", "en", 10, A, "account number"),
    NEG("acct", "en", 8, A, "account number"),
    NEG("iban", "*", 10, T, "bank account"),
    NEG("bic", "*", 10, T, "bank code"),
    NEG("swift", "*", 10, T, "bank code"),
    NEG("routing number", "en", 10, T, "bank code"),
    NEG("sort code", "en", 10, T, "bank code"),
    NEG("kontonummer", "*", 10, T, "German, Swedish: account number"),
    NEG("amount", "en", 10, T, "money"),
    NEG("price", "en", 10, T, "money"),
    NEG("donation", "en", 9, T, "money"),
    NEG("betrag", "de", 10, T, "German: amount"),
    NEG("montant", "fr", 10, T, "French: amount"),
    NEG("importe", "es", 10, T, "Spanish: amount"),
    NEG("importo", "it", 10, T, "Italian: amount"),
    NEG("bedrag", "nl", 10, T, "Dutch: amount"),
    NEG("kwota", "pl", 10, T, "Polish: amount"),
    NEG("belopp", "sv", 10, T, "Swedish: amount"),
    NEG("tutar", "tr", 10, T, "Turkish: amount"),
    NEG("сумма", "ru", 10, T, "Russian: amount"),
    NEG("金額", "ja", 10, T, "Japanese: amount"),
    NEG("金额", "zh", 10, T, "Chinese: amount"),
    NEG("금액", "ko", 10, T, "Korean: amount"),
    NEG("fax", "*", 10, T, "a fax number is not the phone we hold"),
    NEG("telefax", "*", 10, T, "fax"),
    NEG("website", "en", 10, T, "a URL"),
    NEG("url", "en", 10, T, "a URL"),
    NEG("homepage", "en", 9, T, "a URL"),
    NEG("ip address", "en", 10, T, "network address"),
    NEG("web address", "en", 10, T, "a URL"),
    NEG("job title", "en", 10, T, "occupation"),
    NEG("jobtitle", "en", 10, A, "occupation"),
    NEG("occupation", "en", 10, T, "occupation"),
    NEG("gender", "en", 9, T, "not held"),
    NEG("age", "en", 8, L | P, "not held"),
    NEG("company", "en", 8, T, "an employer or a gift's company: not filled"),
    NEG("company name", "en", 9, T, "an employer or a gift's company: not filled"),
    NEG("business name", "en", 9, T, "not filled"),
    NEG("organization", "en", 8, T, "not filled by heuristics (see classify.c)"),
    NEG("organisation", "en", 8, T, "not filled by heuristics"),
    NEG("firma", "*", 8, T, "German, Polish, Spanish: company"),
    NEG("unternehmen", "de", 8, T, "German: company"),
    NEG("societe", "fr", 8, T, "French: company"),
    NEG("empresa", "*", 8, T, "Spanish, Portuguese: company"),
    NEG("azienda", "it", 8, T, "Italian: company"),
    NEG("bedrijf*", "nl", 8, T, "Dutch: company"),
    NEG("foretag", "sv", 8, T, "Swedish: company"),
    NEG("sirket", "tr", 8, T, "Turkish: company"),
    NEG("компания", "ru", 8, T, "Russian: company"),
    NEG("会社名", "ja", 8, T, "Japanese: company"),
    NEG("公司", "zh", 8, T, "Chinese: company"),
    NEG("회사", "ko", 8, T, "Korean: company"),
    NEG("title", "en", 6, T, "a job title or a salutation: not held as such"),
    NEG("college", "en", 8, T, "school, not held"),
    NEG("friend", "en", 9, T, "a friend's details are not the user's"),
    NEG("recipient email", "en", 10, T, "a gift recipient's address"),
    NEG("recipient s email", "en", 10, T, "a gift recipient's address"),
    NEG("rewards", "en", 9, T, "loyalty card numbers"),
    NEG("loyalty", "en", 10, T, "loyalty card numbers"),
    NEG("library card", "en", 10, T, "library card numbers"),
    NEG("フリガナ", "ja", 10, T, "Japanese: the reading of a name, not the name"),
    NEG("ふりがな", "ja", 10, T, "Japanese: the reading of a name"),
    NEG("カナ", "ja", 10, T, "Japanese: the kana reading of a name"),
    NEG("kana", "ja", 9, A, "Japanese: the kana reading of a name"),
    NEG("district", "en", 9, T, "an address part Keyfill does not hold"),
    NEG("neighborhood", "en", 9, T, "an address part Keyfill does not hold"),
    NEG("neighbourhood", "en", 9, T, "an address part Keyfill does not hold"),
    NEG("house number", "en", 9, T, "held inside the street line, not alone"),
    NEG("hausnummer", "de", 9, T, "German: held inside the street line"),
    NEG("huisnummer", "nl", 9, T, "Dutch: held inside the street line"),
    NEG("bairro", "pt", 9, T, "Brazilian neighbourhood"),
    NEG("barrio", "es", 9, T, "Spanish neighbourhood"),
    NEG("colonia", "es", 9, T, "Mexican neighbourhood"),
    NEG("issue date", "en", 10, T, "a card's issue date is not its expiry"),
    NEG("issue number", "en", 10, T, "a card's issue number"),
    NEG("start date", "en", 10, T, "a card's start date is not its expiry"),
    NEG("valid from", "en", 10, T, "a card's start date is not its expiry"),
    NEG("fake*", "en", 10, A, "a decoy box that absorbs browser autofill"),
    NEG("honeypot", "en", 10, A, "a trap for robots"),
    NEG("leave blank", "en", 10, T, "a trap for robots"),
    NEG("leave this field blank", "en", 10, T, "a trap for robots"),
    NEG("school", "en", 8, T, "school, not held"),
};

/* Tokens in ClassifyConcept order, CONCEPT_NONE first. */
static const char *const concept_tokens[CONCEPT_N_TOKENS] = {
    "", "name", "honorific-prefix", "given-name", "additional-name", "family-name", "email",
    "tel", "tel-country-code", "tel-national", "tel-area-code", "tel-local", "tel-local-prefix",
    "tel-local-suffix", "tel-extension", "organization", "street-address", "address-line1",
    "address-line2", "address-line3", "address-level1", "address-level2", "postal-code",
    "country", "country-name", "cc-name", "cc-given-name", "cc-family-name", "cc-number",
    "cc-exp", "cc-exp-month", "cc-exp-year", "cc-csc", "cc-type", "bday", "bday-day",
    "bday-month", "bday-year",
};

const char *classify_concept_token(ClassifyConcept concept)
{
    return concept > CONCEPT_NONE && concept < CONCEPT_N_TOKENS ? concept_tokens[concept] : "";
}

ClassifyConcept classify_concept_from_token(const char *token)
{
    g_return_val_if_fail(token != NULL, CONCEPT_NONE);
    for (int c = CONCEPT_NONE + 1; c < CONCEPT_N_TOKENS; c++) {
        if (strcmp(concept_tokens[c], token) == 0)
            return (ClassifyConcept)c;
    }
    return CONCEPT_NONE;
}

/* ---- the compiled matcher ---- */

typedef struct {
    const ClassifyRule *rule;
    char *evidence;
    guint length; /* bytes of the compiled pattern */
} CompiledPattern;

typedef struct {
    WordMatcher *matcher;
    CompiledPattern *patterns;
    guint n_patterns;
} CompiledRules;

/* TRUE when @text holds no ASCII letter or digit: a CJK or Hangul pattern,
 * matched anywhere because those scripts do not separate words. */
static gboolean is_unspaced_script(const char *text)
{
    gboolean any_wide = FALSE;
    for (const guchar *p = (const guchar *)text; *p != '\0'; p++) {
        if (g_ascii_isalnum(*p))
            return FALSE;
        if (*p >= 0xE3) /* lead byte of U+3000 and above */
            any_wide = TRUE;
    }
    return any_wide;
}

/* Normalises one pattern into the byte string the matcher looks for. */
static char *compile_pattern(const char *pattern, gboolean joined)
{
    gsize length = strlen(pattern);
    gboolean open_start = length > 0 && pattern[0] == '*';
    gboolean open_end = length > 1 && pattern[length - 1] == '*';
    g_autofree char *core = g_strndup(pattern + open_start, length - open_start - open_end);
    g_autoptr(GString) normalized = g_string_new(NULL);
    text_normalize(core, normalized);
    if (joined) {
        /* "first name" → " firstname " */
        g_autoptr(GString) squeezed = g_string_new(" ");
        for (gsize i = 1; i + 1 < normalized->len; i++) {
            if (normalized->str[i] != ' ')
                g_string_append_c(squeezed, normalized->str[i]);
        }
        g_string_append_c(squeezed, ' ');
        g_string_assign(normalized, squeezed->str);
    }
    gboolean unspaced = is_unspaced_script(normalized->str);
    gsize start = open_start || unspaced ? 1 : 0;
    gsize end = normalized->len - (open_end || unspaced ? 1 : 0);
    if (end <= start)
        return NULL;
    return g_strndup(normalized->str + start, end - start);
}

/* Multi-word Latin patterns get a second, joined form ("firstname"). */
static gboolean wants_joined_form(const char *pattern)
{
    if (is_unspaced_script(pattern))
        return FALSE;
    const char *space = strpbrk(pattern, " -");
    return space != NULL && strlen(pattern) >= 6;
}

static gpointer compile_rules(gpointer data)
{
    CompiledRules *compiled = g_new0(CompiledRules, 1);
    GPtrArray *strings = g_ptr_array_new_with_free_func(g_free);
    GArray *patterns = g_array_new(FALSE, TRUE, sizeof(CompiledPattern));
    for (gsize i = 0; i < G_N_ELEMENTS(rules); i++) {
        for (int joined = 0; joined <= (wants_joined_form(rules[i].pattern) ? 1 : 0); joined++) {
            char *bytes = compile_pattern(rules[i].pattern, joined);
            g_assert(bytes != NULL); /* an empty pattern is a bug in the table */
            g_ptr_array_add(strings, bytes);
            g_autofree char *plain = g_strdup(rules[i].pattern);
            g_strstrip(g_strdelimit(plain, "*", ' '));
            CompiledPattern entry = {
                .rule = &rules[i],
                .evidence = g_strdup_printf("%s:%s", rules[i].language, plain),
                .length = (guint)strlen(bytes),
            };
            g_array_append_val(patterns, entry);
        }
    }
    compiled->matcher =
        word_matcher_new((const char *const *)strings->pdata, strings->len);
    g_assert(compiled->matcher != NULL); /* too many states: split the table */
    compiled->n_patterns = patterns->len;
    compiled->patterns = (CompiledPattern *)g_array_free(patterns, FALSE);
    g_ptr_array_free(strings, TRUE);
    return compiled;
}

/* The rules live for the whole process: compiled once, never freed. */
static const CompiledRules *compiled_rules(void)
{
    static GOnce once = G_ONCE_INIT;
    return g_once(&once, compile_rules, NULL);
}

typedef struct {
    const CompiledRules *compiled;
    RuleSource source;
    RuleMatch *matches;
    guint n;
} MatchState;

static void on_match(guint pattern, gsize end, gpointer user_data)
{
    MatchState *state = user_data;
    const CompiledPattern *entry = &state->compiled->patterns[pattern];
    if ((entry->rule->sources & state->source) == 0 || state->n == RULE_MAX_MATCHES)
        return;
    state->matches[state->n++] = (RuleMatch){
        .rule = entry->rule,
        .evidence = entry->evidence,
        .start = (guint16)(end - entry->length),
        .end = (guint16)end,
    };
}

guint classify_rules_match(const char *normalized, gsize length, RuleSource source,
                           RuleMatch *matches)
{
    g_return_val_if_fail(normalized != NULL && matches != NULL, 0);
    length = MIN(length, (gsize)G_MAXUINT16);
    MatchState state = {compiled_rules(), source, matches, 0};
    word_matcher_scan(state.compiled->matcher, normalized, length, on_match, &state);

    /* Keep only maximal matches: "first name" hides the "name" inside it. */
    guint kept = 0;
    for (guint i = 0; i < state.n; i++) {
        gboolean inside = FALSE;
        for (guint j = 0; j < state.n && !inside; j++) {
            inside = j != i && matches[j].start <= matches[i].start &&
                     matches[j].end >= matches[i].end &&
                     matches[j].end - matches[j].start > matches[i].end - matches[i].start;
        }
        if (!inside)
            matches[kept++] = matches[i];
    }
    /* Matches hidden later may have hidden others: one pass is enough because
     * containment is transitive. */
    return kept;
}

/* ---- what a select's options reveal ---- */

/* Month names and their usual abbreviations, normalised, in the languages
 * of the rules above. */
static const char *const month_words[] = {
    /* en */ "january", "february", "march", "april", "may", "june", "july", "august",
    "september", "october", "november", "december", "jan", "feb", "mar", "apr", "jun", "jul",
    "aug", "sep", "sept", "oct", "nov", "dec",
    /* de */ "januar", "februar", "marz", "mai", "juni", "juli", "oktober", "dezember", "jänner",
    /* fr */ "janvier", "fevrier", "mars", "avril", "juin", "juillet", "aout", "septembre",
    "octobre", "novembre", "decembre",
    /* es */ "enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto",
    "septiembre", "setiembre", "octubre", "noviembre", "diciembre",
    /* it */ "gennaio", "febbraio", "aprile", "maggio", "giugno", "luglio", "settembre",
    "ottobre", "dicembre",
    /* pt */ "janeiro", "fevereiro", "marco", "maio", "junho", "julho", "setembro", "outubro",
    "dezembro",
    /* nl */ "januari", "februari", "maart", "mei", "augustus",
    /* pl */ "styczen", "luty", "marzec", "kwiecien", "maj", "czerwiec", "lipiec", "sierpien",
    "wrzesien", "pazdziernik", "listopad", "grudzien",
    /* sv */ "januari", "mars", "augusti",
    /* tr */ "ocak", "subat", "mart", "nisan", "mayis", "haziran", "temmuz", "agustos", "eylul",
    "ekim", "kasim", "aralik",
    /* ru */ "январь", "февраль", "март", "апрель", "маи", "июнь", "июль", "август", "сентябрь",
    "октябрь", "ноябрь", "декабрь", "января", "февраля", "марта", "апреля", "мая", "июня",
    "июля", "августа", "сентября", "октября", "ноября", "декабря",
};

/* Country names common in country lists (English and a few local forms);
 * five of them in one select are enough to call it a country list. */
static const char *const country_words[] = {
    "united states", "united states of america", "usa", "united kingdom", "canada",
    "australia", "germany", "deutschland", "france", "spain", "espana", "italy", "italia",
    "netherlands", "nederland", "belgium", "sweden", "sverige", "norway", "denmark", "finland",
    "poland", "polska", "austria", "osterreich", "switzerland", "schweiz", "suisse", "ireland",
    "portugal", "greece", "turkey", "turkiye", "russia", "russian federation", "japan",
    "china", "india", "brazil", "brasil", "mexico", "argentina", "chile", "colombia", "peru",
    "south africa", "new zealand", "singapore", "south korea", "korea", "israel", "egypt",
    "nigeria", "kenya", "afghanistan", "albania", "algeria", "andorra", "angola",
    "armenia", "bahamas", "bangladesh", "belarus", "bolivia", "bulgaria", "cambodia",
    "croatia", "cuba", "cyprus", "czech republic", "czechia", "ecuador", "estonia", "ghana",
    "hungary", "iceland", "indonesia", "iran", "iraq", "jamaica", "jordan", "latvia",
    "lithuania", "luxembourg", "malaysia", "malta", "morocco", "nepal", "pakistan", "panama",
    "philippines", "qatar", "romania", "saudi arabia", "serbia", "slovakia", "slovenia",
    "sri lanka", "thailand", "tunisia", "ukraine", "united arab emirates", "uruguay",
    "venezuela", "vietnam", "viet nam", "zimbabwe", "aland islands", "american samoa",
};

/* US states, Canadian provinces and Australian states by name. */
static const char *const region_words[] = {
    "alabama", "alaska", "arizona", "arkansas", "california", "colorado", "connecticut",
    "delaware", "district of columbia", "florida", "hawaii", "idaho", "illinois", "indiana",
    "iowa", "kansas", "kentucky", "louisiana", "maine", "maryland", "massachusetts",
    "michigan", "minnesota", "mississippi", "missouri", "montana", "nebraska", "nevada",
    "new hampshire", "new jersey", "new mexico", "new york", "north carolina", "north dakota",
    "ohio", "oklahoma", "oregon", "pennsylvania", "rhode island", "south carolina",
    "south dakota", "tennessee", "texas", "utah", "vermont", "virginia", "washington",
    "west virginia", "wisconsin", "wyoming", "puerto rico", "alberta", "british columbia",
    "manitoba", "new brunswick", "newfoundland and labrador", "nova scotia", "ontario",
    "quebec", "saskatchewan", "new south wales", "queensland", "tasmania", "victoria",
};

typedef struct {
    GHashTable *months;
    GHashTable *countries;
    GHashTable *regions;
} OptionWords;

static GHashTable *word_set(const char *const *words, gsize n)
{
    GHashTable *set = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    g_autoptr(GString) normalized = g_string_new(NULL);
    for (gsize i = 0; i < n; i++) {
        text_normalize(words[i], normalized);
        /* stored without the edge spaces */
        g_hash_table_add(set, g_strndup(normalized->str + 1, normalized->len - 2));
    }
    return set;
}

static gpointer compile_option_words(gpointer data)
{
    OptionWords *words = g_new0(OptionWords, 1);
    words->months = word_set(month_words, G_N_ELEMENTS(month_words));
    words->countries = word_set(country_words, G_N_ELEMENTS(country_words));
    words->regions = word_set(region_words, G_N_ELEMENTS(region_words));
    return words;
}

static const OptionWords *option_words(void)
{
    static GOnce once = G_ONCE_INIT;
    return g_once(&once, compile_option_words, NULL);
}

/* The number in @text when it is only digits (and white space), else -1. */
static gint64 plain_number(const char *text)
{
    while (g_ascii_isspace(*text))
        text++;
    if (!g_ascii_isdigit(*text))
        return -1;
    gint64 value = 0;
    int digits = 0;
    for (; g_ascii_isdigit(*text); text++) {
        if (++digits > 6)
            return -1;
        value = value * 10 + (*text - '0');
    }
    while (g_ascii_isspace(*text))
        text++;
    return *text == '\0' ? value : -1;
}

static gboolean has_dial_code(const char *text)
{
    const char *plus = strchr(text, '+');
    return plus != NULL && g_ascii_isdigit(plus[1]);
}

OptionsKind classify_rules_options(const DescriptorOption *options, guint n_options)
{
    if (n_options == 0)
        return OPTIONS_UNKNOWN;
    const OptionWords *words = option_words();
    g_autoptr(GString) normalized = g_string_sized_new(64);
    guint months = 0, days = 0, years = 0, dial = 0, countries = 0, regions = 0, filled = 0;
    gint64 min_year = G_MAXINT64, max_year = 0;
    for (guint i = 0; i < n_options; i++) {
        const char *text = options[i].text[0] != '\0' ? options[i].text : options[i].value;
        gint64 number = plain_number(text);
        if (number < 0)
            number = plain_number(options[i].value);
        text_normalize(text, normalized);
        if (normalized->len <= 1)
            continue; /* "Select..." placeholders are often empty */
        filled++;
        g_autofree char *trimmed = g_strndup(normalized->str + 1, normalized->len - 2);
        if (number >= 1900 && number <= 2100) {
            years++;
            min_year = MIN(min_year, number);
            max_year = MAX(max_year, number);
        } else if (number >= 1 && number <= 31) {
            days++;
            if (number <= 12)
                months++;
        } else if (g_hash_table_contains(words->months, trimmed)) {
            months++;
        } else {
            /* "01 - January", "Jan (01)": any word of the text a month */
            g_auto(GStrv) parts = g_strsplit(trimmed, " ", 4);
            for (guint k = 0; parts[k] != NULL; k++) {
                if (parts[k][0] != '\0' && g_hash_table_contains(words->months, parts[k]) &&
                    plain_number(parts[k]) < 0) {
                    months++;
                    break;
                }
            }
        }
        if (has_dial_code(text))
            dial++;
        if (g_hash_table_contains(words->countries, trimmed))
            countries++;
        if (g_hash_table_contains(words->regions, trimmed))
            regions++;
    }
    if (filled == 0)
        return OPTIONS_UNKNOWN;
    if (dial * 2 >= filled && dial >= 5)
        return OPTIONS_DIAL_CODES;
    if (years >= 5 && years * 10 >= filled * 7)
        return min_year <= 1990 || max_year - min_year >= 40 ? OPTIONS_YEARS_PAST
                                                             : OPTIONS_YEARS_FUTURE;
    if (days >= 28 && filled <= 33)
        return OPTIONS_DAYS;
    if (months >= 12 && filled <= 14 && days <= 12)
        return OPTIONS_MONTHS;
    if (regions >= 10 && regions >= countries)
        return OPTIONS_REGIONS;
    if (countries >= 5)
        return OPTIONS_COUNTRIES;
    return OPTIONS_UNKNOWN;
}
