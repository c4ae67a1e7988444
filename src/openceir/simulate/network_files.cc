// Writing the operator data and events files. This is the hot path of `openceir simulate`:
// each row is assembled from strings prepared once per usage (memcpy, no formatting), and
// every per-row decision comes from one stateless hash of (seed, usage, day).
#include "openceir/simulate/network_files.h"

#include <array>

#include "openceir/simulate/buffered_file.h"
#include "openceir/simulate/random.h"

namespace openceir::simulate {
namespace {

struct RatStrings {
  std::array<std::string_view, 2> daily;  // operator data: RATs seen that day
  std::string_view event;                 // events: the RAT of the attach
};

// Indexed by RatKind.
constexpr std::array<RatStrings, 6> kRatStrings = {{
    {{"002", "002"}, "002"},
    {{"001", "001|002"}, "001"},
    {{"006", "001|006"}, "006"},
    {{"006|008", "006"}, "008"},
    {{"006", "002|006"}, "006"},  // a 2G-only model on LTE
    {{"006", "006"}, "006"},      // an LTE-only model never falls back to 3G
}};

// ",imei,imsi,msisdn," of every usage, in one arena.
struct Tails {
  std::string arena;
  std::vector<std::uint32_t> offset;  // usage i: arena[offset[i], offset[i + 1])
  std::vector<std::uint8_t> imei_size;
  std::vector<std::uint8_t> imsi_size;

  std::string_view Of(std::size_t i) const {
    return std::string_view(arena).substr(offset[i], offset[i + 1] - offset[i]);
  }
};

Tails BuildTails(const Population& population) {
  Tails tails;
  tails.offset.reserve(population.usages.size() + 1);
  for (const Usage& usage : population.usages) {
    const Device& device = population.devices[usage.device];
    const Subscriber& subscriber = population.subscribers[usage.subscriber];
    tails.offset.push_back(static_cast<std::uint32_t>(tails.arena.size()));
    tails.imei_size.push_back(static_cast<std::uint8_t>(device.imei_text.size()));
    tails.imsi_size.push_back(static_cast<std::uint8_t>(subscriber.imsi.size()));
    tails.arena += device.imei_text;
    tails.arena += ',';
    tails.arena += subscriber.imsi;
    tails.arena += ',';
    tails.arena += subscriber.msisdn;
    tails.arena += ',';
  }
  tails.offset.push_back(static_cast<std::uint32_t>(tails.arena.size()));
  return tails;
}

// "hh:mm:ssZ," for a second of the day.
void AppendTime(BufferedFile& out, std::uint32_t second) {
  char text[10] = {static_cast<char>('0' + second / 36000),
                   static_cast<char>('0' + second / 3600 % 10),
                   ':',
                   static_cast<char>('0' + second % 3600 / 600),
                   static_cast<char>('0' + second % 600 / 60),
                   ':',
                   static_cast<char>('0' + second % 60 / 10),
                   static_cast<char>('0' + second % 10),
                   'Z',
                   ','};
  out.Append(std::string_view(text, sizeof text));
}

// One data row carrying a defect. `tail` is ",imei,imsi,msisdn," without the leading comma.
void AppendNoisyRow(BufferedFile& out, std::string_view date, std::string_view tail,
                    std::size_t imei_size, std::size_t imsi_size, std::string_view rat,
                    std::uint64_t kind, bool allow_null_imei) {
  const std::string_view imei = tail.substr(0, imei_size);
  const std::string_view imsi = tail.substr(imei_size + 1, imsi_size);
  const std::string_view msisdn =
      tail.substr(imei_size + imsi_size + 2, tail.size() - imei_size - imsi_size - 3);
  if (kind == 0 && !allow_null_imei) kind = 1;
  out.Append(date);
  out.Append(kind == 0 ? std::string_view() : imei);
  out.Append(',');
  out.Append(kind == 1 ? std::string_view() : kind == 4 ? imsi.substr(0, 13) : imsi);
  out.Append(',');
  out.Append(kind == 2 ? std::string_view() : msisdn);
  out.Append(',');
  out.Append(kind == 3 ? std::string_view() : rat);
  out.Append('\n');
}

struct EventRef {
  std::uint32_t second = 0;  // of the day
  std::uint32_t usage = 0;
  std::uint32_t cell = 0;  // index into CellPlan::cells
};

// Stable counting sort of `events` by second into *sorted (O(n + seconds per day)).
void SortBySecond(const std::vector<EventRef>& events, std::vector<EventRef>* sorted,
                  std::vector<std::uint32_t>* counts) {
  counts->assign(86'400 + 1, 0);
  for (const EventRef& event : events) ++(*counts)[event.second + 1];
  for (std::size_t s = 1; s < counts->size(); ++s) (*counts)[s] += (*counts)[s - 1];
  sorted->resize(events.size());
  for (const EventRef& event : events) (*sorted)[(*counts)[event.second]++] = event;
}

}  // namespace

std::string OperatorFileStem(const SimulationSpec& spec, const std::string& operator_id) {
  return operator_id + "_" + FormatYyyymmdd(spec.start) + "_" +
         FormatYyyymmdd(Date{spec.start.days + spec.days - 1});
}

Status WriteNetworkFiles(const SimulationSpec& spec, const Population& population,
                         const CellPlan& cells, const std::string& out_dir,
                         NetworkFileStats* stats) {
  const Tails tails = BuildTails(population);
  const auto noise_limit = static_cast<std::uint64_t>(spec.noise_share * (1 << 20));
  const std::uint64_t event_seed = Mix64(spec.seed ^ 0xE7E7);
  std::size_t begin = 0;
  for (std::size_t op = 0; op < spec.operators.size(); ++op) {
    std::size_t end = begin;
    while (end < population.usages.size() && population.usages[end].op == op) ++end;
    const std::string stem = OperatorFileStem(spec, spec.operators[op].id);
    BufferedFile data(out_dir + "/" + stem + ".csv");
    BufferedFile events(out_dir + "/" + stem + ".events.csv");
    data.Append("date,imei,imsi,msisdn,rat\n");
    events.Append("timestamp,imei,imsi,msisdn,rat,cell_id\n");
    std::vector<EventRef> day_events, sorted_events;
    std::vector<std::uint32_t> second_counts;
    for (int day = 0; day < spec.days; ++day) {
      const Date date{spec.start.days + day};
      const std::string date_text = FormatYyyymmdd(date) + ",";
      const std::string iso_day = FormatIsoDate(date) + "T";
      day_events.clear();
      for (std::size_t i = begin; i < end; ++i) {
        const Usage& usage = population.usages[i];
        if (day < usage.first_day || day >= usage.end_day) continue;
        const std::uint64_t h = HashKey(spec.seed, i, static_cast<std::uint64_t>(day));
        if ((h & 0xFFFF) >= usage.p_active && usage.forced_day != day) continue;
        const RatStrings& rat = kRatStrings[static_cast<std::size_t>(usage.rat)];
        const std::string_view tail = tails.Of(i);
        const std::string_view daily_rat = rat.daily[(h >> 40) & 1];
        ++stats->data_rows;
        if (((h >> 16) & 0xFFFFF) < noise_limit) {
          ++stats->noisy_rows;
          AppendNoisyRow(data, date_text, tail, tails.imei_size[i], tails.imsi_size[i], daily_rat,
                         (h >> 41) % 5, usage.allow_null_imei);
        } else {
          data.Append(date_text);
          data.Append(tail);
          data.Append(daily_rat);
          data.Append('\n');
        }
        // Events: a clone ring shares its times, so owner and clones meet minutes apart.
        const std::uint64_t base = usage.time_group != 0 ? HashKey(event_seed, usage.time_group,
                                                                   static_cast<std::uint64_t>(day))
                                                         : Mix64(h ^ event_seed);
        const std::span<const Cell> here = cells.CellsOf(usage.city, usage.op);
        const int count = 1 + static_cast<int>((h >> 44) % 3);
        for (int j = 0; j < count; ++j) {
          EventRef event;
          event.second = 7 * 3600 + static_cast<std::uint32_t>(base % (10 * 3600)) +
                         static_cast<std::uint32_t>(j) * 2 * 3600 + usage.time_offset_s;
          event.usage = static_cast<std::uint32_t>(i);
          event.cell = static_cast<std::uint32_t>(
              (here.data() - cells.cells.data()) +
              static_cast<std::ptrdiff_t>(Mix64(h + static_cast<std::uint64_t>(j)) % here.size()));
          day_events.push_back(event);
        }
      }
      // Events in time order, as a network dump lists them (counting sort on the second).
      SortBySecond(day_events, &sorted_events, &second_counts);
      for (const EventRef& event : sorted_events) {
        const Usage& usage = population.usages[event.usage];
        events.Append(iso_day);
        AppendTime(events, event.second);
        events.Append(tails.Of(event.usage));
        events.Append(kRatStrings[static_cast<std::size_t>(usage.rat)].event);
        events.Append(',');
        events.Append(cells.cells[event.cell].cell_id);
        events.Append('\n');
      }
      stats->event_rows += static_cast<std::int64_t>(sorted_events.size());
    }
    OPENCEIR_RETURN_IF_ERROR(data.Close());
    OPENCEIR_RETURN_IF_ERROR(events.Close());
    stats->files.push_back(stem + ".csv");
    stats->files.push_back(stem + ".events.csv");
    begin = end;
  }
  return Status::Ok();
}

}  // namespace openceir::simulate
