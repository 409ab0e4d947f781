using System.Diagnostics;
using Catalyst.Agents.Understanding;

namespace Catalyst.Tests.Understanding;

/// <summary>Requests the regex parser built the wrong app for, and the parts of the contract in docs/understanding.md.</summary>
public sealed class RequestUnderstandingTests
{
    static readonly RequestParser Parser = new();

    static FieldSpec Field(AppSpec spec, string entity, string field) =>
        Assert.Single(Assert.Single(spec.Entities, e => e.Name == entity).Fields, f => f.JsonName == field);

    static void AssertFields(AppSpec spec, string entity, params string[] fields) =>
        Assert.Equal(fields, Assert.Single(spec.Entities, e => e.Name == entity).Fields.Select(f => f.JsonName));

    [Fact]
    public void A_crm_has_customers_and_deals_and_deals_refer_to_their_customer()
    {
        var spec = Parser.Parse("A CRM where customers have a name, a company and an email, and deals have a title, a value and a stage.");
        Assert.Equal(["Customer", "Deal"], spec.Entities.Select(e => e.Name));
        AssertFields(spec, "Customer", "name", "company", "email");
        AssertFields(spec, "Deal", "title", "value", "stage", "customerId");
        Assert.Equal(FieldType.Email, Field(spec, "Customer", "email").Type);
        Assert.Equal(FieldType.Money, Field(spec, "Deal", "value").Type);
        Assert.Equal("Customer", Field(spec, "Deal", "customerId").References);
        Assert.Contains(("Deal", "CustomerId", "Customer"), spec.Relations());
    }

    [Fact]
    public void Flashcards_have_decks_and_cards_that_refer_to_a_deck()
    {
        var spec = Parser.Parse("A flashcards app for studying: decks have a name, and cards have a front, a back and a deck.");
        Assert.Equal(["Deck", "Card"], spec.Entities.Select(e => e.Name));
        AssertFields(spec, "Deck", "name");
        AssertFields(spec, "Card", "front", "back", "deckId");
        Assert.Equal(FieldType.Reference, Field(spec, "Card", "deckId").Type);
        Assert.Equal("Deck", Field(spec, "Card", "deckId").References);
    }

    [Fact]
    public void A_rating_from_1_to_5_is_a_bounded_integer_and_a_watched_flag_a_boolean()
    {
        var spec = Parser.Parse("Make a movie watchlist where each movie has a title, a year, a rating from 1 to 5 and a watched flag.");
        var movie = Assert.Single(spec.Entities);
        Assert.Equal("Movie", movie.Name);
        AssertFields(spec, "Movie", "title", "year", "rating", "watched");
        var rating = Field(spec, "Movie", "rating");
        Assert.Equal((FieldType.Integer, 1, 5), (rating.Type, rating.Minimum, rating.Maximum));
        Assert.Equal(FieldType.Boolean, Field(spec, "Movie", "watched").Type);
        Assert.Equal(FieldType.Integer, Field(spec, "Movie", "year").Type);
    }

    [Fact]
    public void A_helpdesk_keeps_the_tickets_customers_open_and_a_closed_mark()
    {
        var spec = Parser.Parse("Build a small helpdesk where customers open tickets with a subject, a description and a priority, and can mark them closed.");
        var ticket = Assert.Single(spec.Entities);
        Assert.Equal("Ticket", ticket.Name);
        AssertFields(spec, "Ticket", "subject", "description", "priority", "closed");
        Assert.Equal(FieldType.Boolean, Field(spec, "Ticket", "closed").Type);
        Assert.Equal(FieldType.Text, Field(spec, "Ticket", "description").Type);
        Assert.DoesNotContain(spec.Entities, e => e.Name == "Customer");
        Assert.All(ticket.Fields, f => Assert.Equal(FieldSources.Request, f.Source));
    }

    [Fact]
    public void A_parking_tracker_records_cars_with_a_plate_and_entry_and_exit_times()
    {
        var spec = Parser.Parse("Build a parking garage tracker that records cars with a plate number, an entry time and an exit time.");
        var car = Assert.Single(spec.Entities);
        Assert.Equal("Car", car.Name);
        AssertFields(spec, "Car", "plateNumber", "entryTime", "exitTime");
        Assert.Equal(FieldType.String, Field(spec, "Car", "plateNumber").Type);
        Assert.Equal(FieldType.DateTime, Field(spec, "Car", "entryTime").Type);
        Assert.Equal(FieldType.DateTime, Field(spec, "Car", "exitTime").Type);
        Assert.False(Field(spec, "Car", "exitTime").Required);
        Assert.Equal("parking-garage-tracker", spec.Name);
    }

    [Theory]
    [InlineData("A countdown timer app.")]
    [InlineData("a stopwatch")]
    [InlineData("make me a pomodoro timer")]
    public void A_countdown_timer_is_the_timer_archetype(string prompt)
    {
        var spec = Parser.Parse(prompt);
        Assert.Equal(AppKind.Timer, spec.Kind);
        Assert.Empty(spec.Entities);
    }

    [Fact]
    public void A_workout_log_nests_exercise_entries_under_workouts()
    {
        var spec = Parser.Parse("A gym workout log: workouts have a date and notes, and each exercise entry has a name, sets, reps and weight.");
        Assert.Equal(["Workout", "ExerciseEntry"], spec.Entities.Select(e => e.Name));
        AssertFields(spec, "Workout", "date", "notes");
        Assert.Equal(FieldType.Date, Field(spec, "Workout", "date").Type);
        Assert.Equal(FieldType.Text, Field(spec, "Workout", "notes").Type);
        Assert.Equal("Workout", Field(spec, "ExerciseEntry", "workoutId").References);
        Assert.Equal(["name", "sets", "reps", "weight", "workoutId"], spec.Entity("ExerciseEntry")!.Fields.Select(f => f.JsonName));
        Assert.Equal([FieldType.String, FieldType.Integer, FieldType.Integer, FieldType.Decimal], spec.Entity("ExerciseEntry")!.Fields.Take(4).Select(f => f.Type));
    }

    [Fact]
    public void Nonsense_words_are_listed_as_not_understood_and_not_used()
    {
        var spec = Parser.Parse("a todo app with login, zzkv and qxtrlp please");
        Assert.Equal(["zzkv", "qxtrlp"], spec.Words.NotUnderstood);
        Assert.Equal("Todo", Assert.Single(spec.Entities).Name);
        Assert.DoesNotContain(spec.Entity("Todo")!.Fields, f => f.JsonName is "zzkv" or "qxtrlp");
        Assert.Contains(spec.Notes, n => n.Contains("zzkv"));
        Assert.Contains(spec.Words.Used, w => w.Word == "todo" && w.Role == "entity:Todo");
        Assert.Contains(spec.Words.Used, w => w.Word == "login" && w.Role == "feature:auth");
    }

    [Fact]
    public void Gibberish_gives_a_generic_app_with_every_word_not_understood()
    {
        var spec = Parser.Parse("xq zzkv blorp");
        Assert.Equal("Item", Assert.Single(spec.Entities).Name);
        Assert.Equal(["xq", "zzkv", "blorp"], spec.Words.NotUnderstood);
        Assert.Contains(spec.Notes, n => n.Contains("generic items"));
    }

    [Fact]
    public void Every_field_and_entity_word_has_its_role()
    {
        var spec = Parser.Parse("A CRM where customers have a name, a company and an email, and deals have a title, a value and a stage.");
        Assert.Contains(spec.Words.Used, w => w.Word == "deals" && w.Role == "entity:Deal");
        Assert.Contains(spec.Words.Used, w => w.Word == "value" && w.Role == "field:Deal.value");
        Assert.Contains(spec.Words.Used, w => w.Word == "crm" && w.Role == "app-name");
        Assert.Empty(spec.Words.NotUnderstood);
    }

    [Fact]
    public void Named_colours_colour_the_part_they_are_for()
    {
        var spec = Parser.Parse("A todo app. Use ivory for the background and forest green for components.");
        Assert.Equal("#fffff0", spec.Presentation.Background);
        Assert.Equal("#228b22", spec.Presentation.Accent);
        Assert.Equal("Todo", Assert.Single(spec.Entities).Name);
        Assert.Contains(spec.Words.Used, w => w.Word == "ivory" && w.Role == "presentation:background");
    }

    [Fact]
    public void Background_and_component_colours_can_be_set_to_a_value()
    {
        var spec = Parser.Parse("A notes app. Set the background colour to white and the component colour to navy.");
        Assert.Equal("#ffffff", spec.Presentation.Background);
        Assert.Equal("#000080", spec.Presentation.Accent);
        Assert.Equal(["Note"], spec.Entities.Select(e => e.Name));
    }

    [Fact]
    public void Hex_colours_and_text_colour_are_read()
    {
        var spec = Parser.Parse("a recipe book with a #fc0 background and #333333 text");
        Assert.Equal("#ffcc00", spec.Presentation.Background);
        Assert.Equal("#333333", spec.Presentation.Text);
        Assert.Equal(["Recipe"], spec.Entities.Select(e => e.Name));
    }

    [Fact]
    public void A_dark_theme_is_the_theme_and_not_a_field()
    {
        var spec = Parser.Parse("an expense tracker with amount and category, with a dark theme");
        Assert.Equal("dark", spec.Presentation.Theme);
        AssertFields(spec, "Expense", "amount", "category");
    }

    [Fact]
    public void Call_it_names_the_app_and_the_project()
    {
        var spec = Parser.Parse("Track the fuel I put in my car: each fill-up has a date, litres and a price. Call it Fuel Log.");
        Assert.Equal("Fuel Log", spec.Presentation.Title);
        Assert.Equal("fuel-log", spec.Name);
        Assert.Equal("Fuel Log", spec.Title);
        Assert.DoesNotContain(spec.Entities, e => e.Name.Contains("Fuel") && e.Name.Contains("Log"));
    }

    [Fact]
    public void Enumerations_give_enum_fields_with_their_options()
    {
        var spec = Parser.Parse("a job tracker where applications have a company, a role and a status (applied, interview, offer)");
        var status = Field(spec, "Application", "status");
        Assert.Equal(FieldType.Enum, status.Type);
        Assert.Equal(["applied", "interview", "offer"], status.Options);

        var priority = Field(Parser.Parse("tickets have a title and a priority: low, medium or high"), "Ticket", "priority");
        Assert.Equal(FieldType.Enum, priority.Type);
        Assert.Equal(["low", "medium", "high"], priority.Options);
    }

    [Fact]
    public void Optional_fields_are_not_required()
    {
        var spec = Parser.Parse("contacts have a name (optional), an email and a phone number");
        Assert.False(Field(spec, "Contact", "name").Required);
        Assert.Equal(FieldType.Phone, Field(spec, "Contact", "phoneNumber").Type);
    }

    [Fact]
    public void Requests_for_things_no_archetype_builds_say_so()
    {
        var spec = Parser.Parse("a 3D racing game");
        var limitation = Assert.Single(spec.Limitations);
        Assert.StartsWith("The offline generator cannot build games; it built a records app for ", limitation);
        Assert.EndsWith(" instead.", limitation);
        Assert.Empty(Parser.Parse("a recipe book where recipes have a title").Limitations);
    }

    [Fact]
    public void Words_that_are_also_verbs_are_nouns_where_they_stand()
    {
        var spec = Parser.Parse("Shifts have a start time, an end time and a cook; orders have a return date and a tracking code.");
        AssertFields(spec, "Shift", "startTime", "endTime", "cook");
        Assert.Equal(FieldType.DateTime, Field(spec, "Shift", "startTime").Type);
        Assert.Contains(spec.Entities, e => e.Name == "Order" && e.Fields.Any(f => f.JsonName == "returnDate") && e.Fields.Any(f => f.JsonName == "trackingCode"));
    }

    [Fact]
    public void A_verb_before_a_finite_have_is_the_subject_and_a_sentence_opening_verb_is_the_imperative()
    {
        Assert.Equal(["Plan"], Parser.Parse("Plans have a name and a budget.").Entities.Select(e => e.Name));
        Assert.Equal(["WaterSample"], Parser.Parse("Water samples have a site, a date and a ph reading.").Entities.Select(e => e.Name));
        Assert.Equal(["GardenHarvest"], Parser.Parse("Record garden harvests with a crop, a weight and a date.").Entities.Select(e => e.Name));
        Assert.Equal(["GlassesPrescription"], Parser.Parse("Glasses prescriptions have an optician and a date.").Entities.Select(e => e.Name));
    }

    [Fact]
    public void Records_named_before_a_clause_about_them_own_the_list()
    {
        var spec = Parser.Parse("Hikes we did: trail, distance, date of hike.");
        AssertFields(spec, "Hike", "trail", "distance", "dateOfHike");
        Assert.Equal(["Place"], Parser.Parse("Places to visit: city, country, best season.").Entities.Select(e => e.Name));
    }

    [Fact]
    public void A_heading_over_the_records_it_introduces_is_not_a_record()
    {
        Assert.Equal(["Owner", "Dog"], Parser.Parse("Dog grooming salon: owners have a name and a phone; dogs have a name, a breed and an owner.").Entities.Select(e => e.Name));
        Assert.Equal(["Seedling"], Parser.Parse("A plant nursery site where seedlings have a variety and a sow date.").Entities.Select(e => e.Name));
        Assert.Equal(["Pupil"], Parser.Parse("I coach chess. Pupils have a name and a rating.").Entities.Select(e => e.Name));
    }

    [Fact]
    public void Verbs_joined_by_and_share_their_subject()
    {
        var spec = Parser.Parse("Shelves have a code; jars belong to a shelf and have a label, a fill date and a sealed flag.");
        AssertFields(spec, "Jar", "label", "fillDate", "sealed", "shelfId");
    }

    [Fact]
    public void Misspelt_field_words_one_edit_away_are_read_as_the_known_word()
    {
        var spec = Parser.Parse("Invoices have a discription, an amuont and a cusotmer email, and a pirce.");
        AssertFields(spec, "Invoice", "description", "amount", "customerEmail", "price");
        Assert.Equal(FieldType.Money, Field(spec, "Invoice", "price").Type);
        Assert.Equal(FieldType.Text, Field(spec, "Invoice", "description").Type);
    }

    [Fact]
    public void A_feature_word_modifying_a_field_noun_asks_for_no_feature()
    {
        var spec = Parser.Parse("Members have a login name, a signup time and a tag number.");
        Assert.False(spec.Features.Auth);
        Assert.False(spec.Features.Tags);
        AssertFields(spec, "Member", "loginName", "signupTime", "tagNumber");
    }

    [Fact]
    public void Plural_nouns_with_fields_in_parentheses_are_records()
    {
        var spec = Parser.Parse("Vet clinic: pets (name, species, date of birth) and visits (date, reason, cost).");
        Assert.Equal(["Pet", "Visit"], spec.Entities.Select(e => e.Name));
        AssertFields(spec, "Pet", "name", "species", "dateOfBirth");
        Assert.Equal(FieldType.Date, Field(spec, "Pet", "dateOfBirth").Type);
        Assert.Equal(FieldType.Enum, Parser.Parse("Tickets have a title and a state (open, waiting, closed).").Entity("Ticket")!.Fields.Single(f => f.JsonName == "state").Type);
    }

    [Fact]
    public void Lines_under_a_heading_that_ends_in_a_colon_are_one_list()
    {
        var spec = Parser.Parse("Wines to try:\n- grape\n- region\n- vintage year\n- price");
        AssertFields(spec, "Wine", "grape", "region", "vintageYear", "price");
    }

    [Fact]
    public void A_clause_naming_the_values_makes_an_enum()
    {
        var spec = Parser.Parse("Orders have a number and a channel which can be web, phone or store.");
        var channel = Field(spec, "Order", "channel");
        Assert.Equal(FieldType.Enum, channel.Type);
        Assert.Equal(["web", "phone", "store"], channel.Options);
    }

    [Fact]
    public void Only_the_head_of_the_phrase_decides_whether_it_is_an_activity_no_archetype_builds()
    {
        Assert.Empty(Parser.Parse("A chess club ledger where games have a white player, a black player and a result.").Limitations);
        Assert.Single(Parser.Parse("A video chat for my family.").Limitations);
    }

    [Fact]
    public void An_opening_imperative_is_not_part_of_the_record_and_a_subject_shared_by_and_is_a_record()
    {
        Assert.Equal(["Sleep"], Parser.Parse("Log sleep with a bed time, a wake time and a quality rating from 1 to 5.").Entities.Select(e => e.Name));
        var spec = Parser.Parse("Cars have a plate; services belong to a car and have a date and a cost.");
        AssertFields(spec, "Service", "date", "cost", "carId");
        Assert.Equal(["Book"], Parser.Parse("A reading tracker where books I own have a title and a lent flag.").Entities.Select(e => e.Name));
    }

    [Fact]
    public void An_acronym_is_a_word_and_a_moment_named_with_at_is_a_date_time()
    {
        var spec = Parser.Parse("A party planner where invitees have a name, an RSVP flag and a replied at timestamp; sort them by replied at.");
        Assert.Equal(FieldType.Boolean, Field(spec, "Invitee", "rsvp").Type);
        var replied = Field(spec, "Invitee", "repliedAt");
        Assert.Equal(FieldType.DateTime, replied.Type);
        Assert.True(replied.Sortable);
        Assert.DoesNotContain("rsvp", spec.Words.NotUnderstood);
    }

    [Fact]
    public void Values_after_a_categorical_word_and_a_colon_run_to_the_end_of_the_list()
    {
        var spec = Parser.Parse("A studio manager: rooms (name, capacity) and bookings (date, hours, state: pending, confirmed, cancelled).");
        var state = Field(spec, "Booking", "state");
        Assert.Equal(FieldType.Enum, state.Type);
        Assert.Equal(["pending", "confirmed", "cancelled"], state.Options);
    }

    [Fact]
    public void A_unit_after_per_is_not_a_new_field_and_a_verb_that_introduces_a_feature_names_no_field()
    {
        var spec = Parser.Parse("Reading goals: goals have a book count per month and a year, showing totals by year.");
        AssertFields(spec, "Goal", "bookCount", "year");
        var sales = Parser.Parse("Market stall sales with an amount, a product and a day, displaying totals per product.");
        Assert.DoesNotContain(sales.Entities.SelectMany(e => e.Fields), f => f.JsonName.StartsWith("displaying", StringComparison.Ordinal));
        Assert.NotEmpty(sales.Features.Aggregates);
    }

    [Fact]
    public void A_capitalised_name_after_called_is_the_title_and_each_listing_keeps_its_own_by()
    {
        var spec = Parser.Parse("A garden journal with a light theme called Green Fingers; plants have a name and a height. Search plants and sort them by height.");
        Assert.Equal("Green Fingers", spec.Presentation.Title);
        Assert.True(spec.Features.Search);
        Assert.True(Field(spec, "Plant", "height").Sortable);
        Assert.Empty(spec.Features.Filters);
    }

    [Fact]
    public void A_day_named_with_on_is_a_date_and_a_type_in_brackets_is_taken()
    {
        var spec = Parser.Parse("Track grant proposals: funder, amount, submitted on (date), decision (pending, won, lost).");
        Assert.Equal(FieldType.Date, Field(spec, "GrantProposal", "submittedOn").Type);
        Assert.Equal(FieldType.Enum, Field(spec, "GrantProposal", "decision").Type);
    }

    [Fact]
    public void A_regular_form_of_a_known_word_is_not_corrected_as_a_typo()
    {
        var spec = Parser.Parse("A chores app where chores have a name, a planted at time and an ammount of effort.");
        Assert.Contains(Assert.Single(spec.Entities).Fields, f => f.JsonName == "plantedAt");
    }

    [Fact]
    public void A_singular_record_after_each_can_record_its_fields_and_a_linking_verb_defines_a_record()
    {
        var diary = Parser.Parse("A sleep diary where every night logs a bed time, a wake time and a quality from 1 to 5.");
        AssertFields(diary, "Night", "bedTime", "wakeTime", "quality");
        var league = Parser.Parse("Teams have a name; players have a name and a number; transfers link a player and a team with a fee.");
        AssertFields(league, "Transfer", "playerId", "teamId", "fee");
    }

    [Fact]
    public void A_dash_introduces_a_list_and_a_unit_makes_a_number()
    {
        var spec = Parser.Parse("Log my bike rides - route, distance in km, climb time in minutes, average heart rate");
        Assert.Equal(FieldType.Decimal, Field(spec, "BikeRide", "distance").Type);
        Assert.Equal(FieldType.Integer, Field(spec, "BikeRide", "climbTime").Type);
    }

    [Fact]
    public void Records_with_fields_in_brackets_are_read_whatever_they_are_called_and_a_plural_heading_lists_fields()
    {
        var spec = Parser.Parse("A storage unit app: properties (address, size), renters (name, phone, contract start), and invoices (amount, renter).");
        Assert.Equal(["Property", "Renter", "Invoice"], spec.Entities.Select(e => e.Name));
        AssertFields(spec, "Renter", "name", "phone", "contractStart");
        var league = Parser.Parse("Fixtures: opponent, kickoff date, venue or ground.");
        Assert.Contains(league.Entities, e => e.Name == "Fixture" && e.Fields.Any(f => f.JsonName == "opponent"));
    }

    [Fact]
    public void A_verb_with_at_after_an_article_is_a_moment_and_logged_in_asks_for_accounts()
    {
        var spec = Parser.Parse("Webinars have a title, a begins at datetime and a seat limit. Only logged-in members may see them.");
        Assert.Equal(FieldType.DateTime, Field(spec, "Webinar", "beginsAt").Type);
        Assert.True(spec.Features.Auth);
    }

    [Fact]
    public void A_participle_after_a_typed_noun_keeps_the_noun_type_and_a_phrasal_preposition_ends_the_item()
    {
        var spec = Parser.Parse("A climbing log: each climb has a route, hours climbed, a day climbed, places stayed at, friends climbed with and a grade.");
        Assert.Equal(FieldType.Integer, Field(spec, "Climb", "hoursClimbed").Type);
        Assert.Equal(FieldType.Date, Field(spec, "Climb", "dayClimbed").Type);
        Assert.Contains(spec.Entities.Single().Fields, f => f.JsonName == "grade");
    }

    [Fact]
    public void A_count_with_modifiers_keeps_them_and_a_bracketed_type_after_a_preposition_types_the_field()
    {
        var spec = Parser.Parse("Courses have a title, a minimum number of students and sold for (price).");
        Assert.Equal(FieldType.Integer, Field(spec, "Course", "minimumStudents").Type);
        Assert.Equal(FieldType.Money, Field(spec, "Course", "sold").Type);
    }

    [Fact]
    public void A_plural_that_is_also_a_verb_names_the_records_before_a_heading_colon()
    {
        var spec = Parser.Parse("I want to keep my concert tickets and my match logs: date, venue, seat and price.");
        Assert.Equal(["MatchLog"], spec.Entities.Select(e => e.Name));
        AssertFields(spec, "MatchLog", "date", "venue", "seat", "price");
    }

    [Fact]
    public void An_opening_command_names_the_records_it_keeps()
    {
        var spec = Parser.Parse("Log my climbs with a crag, a grade and a date.");
        AssertFields(spec, "Climb", "crag", "grade", "date");
        spec = Parser.Parse("A garden tracker for sowings (seed, tray, date).");
        AssertFields(spec, "Sowing", "seed", "tray", "date");
    }

    [Fact]
    public void Clauses_in_a_field_list_name_fields()
    {
        var spec = Parser.Parse("Each fossil has a name, where I found it, when I found it, how old it is and what it cost.");
        AssertFields(spec, "Fossil", "name", "location", "date", "age", "cost");
        Assert.Equal(FieldType.Money, Field(spec, "Fossil", "cost").Type);
        spec = Parser.Parse("Bonsai trees: species, how often they need pruning, who gave it.");
        AssertFields(spec, "BonsaiTree", "species", "pruningFrequency", "gaveBy");
    }

    [Fact]
    public void Units_of_several_words_and_currencies_type_the_field()
    {
        var spec = Parser.Parse("Tanks have a volume in cubic feet, a refill in fluid ounces, a cost in euros and a fee in ml.");
        Assert.Equal(FieldType.Decimal, Field(spec, "Tank", "volume").Type);
        Assert.Equal(FieldType.Decimal, Field(spec, "Tank", "refill").Type);
        Assert.Equal(FieldType.Money, Field(spec, "Tank", "cost").Type);
        Assert.Equal(FieldType.Decimal, Field(spec, "Tank", "fee").Type);
    }

    [Fact]
    public void Coordinated_modifiers_share_their_noun_and_two_bare_values_are_one_field()
    {
        var spec = Parser.Parse("Shifts: opening and closing times, indoor or outdoor, tips for and tips against, a sign off done flag, sunny or not.");
        AssertFields(spec, "Shift", "openingTime", "closingTime", "indoorOrOutdoor", "tipsFor", "tipsAgainst", "signOffDone", "sunny");
        Assert.Equal(["indoor", "outdoor"], Field(spec, "Shift", "indoorOrOutdoor").Options);
        Assert.Equal(FieldType.DateTime, Field(spec, "Shift", "closingTime").Type);
        Assert.Equal(FieldType.Boolean, Field(spec, "Shift", "signOffDone").Type);
        Assert.Equal(FieldType.Boolean, Field(spec, "Shift", "sunny").Type);
    }

    [Fact]
    public void Readings_of_typed_quantities_are_those_quantities()
    {
        var spec = Parser.Parse("Checkups with systolic and diastolic readings, a resting heart rate and a blood glucose level.");
        AssertFields(spec, "Checkup", "systolic", "diastolic", "restingHeartRate", "bloodGlucoseLevel");
        Assert.Equal(FieldType.Integer, Field(spec, "Checkup", "diastolic").Type);
        Assert.Equal(FieldType.Integer, Field(spec, "Checkup", "restingHeartRate").Type);
        Assert.Equal(FieldType.Decimal, Field(spec, "Checkup", "bloodGlucoseLevel").Type);
    }

    [Fact]
    public void Possessors_are_not_record_names_and_held_records_belong_to_their_holder()
    {
        var spec = Parser.Parse("My son's football teams have a name; each team has players with a name and a shirt number.");
        Assert.Equal(["FootballTeam", "Player"], spec.Entities.Select(e => e.Name));
        Assert.Contains(("Player", "FootballTeamId", "FootballTeam"), spec.Relations());
        spec = Parser.Parse("Courses have a code; enrolments link students to courses. Students have a name.");
        Assert.Contains(("Enrolment", "StudentId", "Student"), spec.Relations());
        Assert.Contains(("Enrolment", "CourseId", "Course"), spec.Relations());
    }
}
